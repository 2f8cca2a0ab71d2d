package dev.sceneway.auth.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sceneway.auth.client.PublicUrlGuard;
import dev.sceneway.infra.Infrastructure;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt against a partner endpoint (WireMock: an outside system). */
class WebhookSenderTest {

    private static final WireMockServer PARTNER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final PublicUrlGuard SANDBOX = PublicUrlGuard.of(true);

    /** The default timeout: a cold first request on a busy machine may take a while. */
    private final WebhookSender sender = new WebhookSender(SANDBOX, Duration.ofSeconds(5));

    @BeforeAll
    static void start() {
        PARTNER.start();
    }

    @AfterAll
    static void stop() {
        PARTNER.stop();
    }

    @BeforeEach
    void reset() {
        PARTNER.resetAll();
    }

    @Test
    void sendWhenThePartnerAnswers2xxThenDeliveredWithTheSignatureAndIdHeaders() {
        PARTNER.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));

        WebhookSender.Result result = sender.send(url("/hooks"), "evt-1", 3, "{\"id\":\"evt-1\"}", "h..s");

        assertThat(result.delivered()).isTrue();
        assertThat(result.statusCode()).isEqualTo(204);
        PARTNER.verify(postRequestedFor(urlPathEqualTo("/hooks"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("x-sceneway-signature", equalTo("h..s"))
                .withHeader("x-sceneway-webhook-id", equalTo("evt-1"))
                .withHeader("x-sceneway-webhook-attempt", equalTo("3")));
    }

    @Test
    void sendWhenThePartnerRedirectsThenTheRedirectIsNotFollowedAndTheAttemptFails() {
        PARTNER.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", url("/elsewhere"))));
        PARTNER.stubFor(post(urlPathEqualTo("/elsewhere")).willReturn(aResponse().withStatus(200)));

        WebhookSender.Result result = sender.send(url("/hooks"), "evt-2", 1, "{}", "h..s");

        assertThat(result.delivered()).isFalse();
        assertThat(result.statusCode()).isEqualTo(307);
        PARTNER.verify(0, postRequestedFor(urlPathEqualTo("/elsewhere")));
    }

    @Test
    void sendWhenThePartnerIsSlowerThanTheTimeoutThenTimedOutWithinABound() {
        PARTNER.stubFor(post(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000)));

        WebhookSender impatient = new WebhookSender(SANDBOX, Duration.ofMillis(300));

        WebhookSender.Result result = impatient.send(url("/slow"), "evt-3", 1, "{}", "h..s");

        assertThat(result.delivered()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).contains("timed out");
        assertThat(result.durationMillis()).as("gave up at the timeout, not at the partner's 3 s")
                .isBetween(250L, 2_500L);
    }

    @Test
    void sendWhenNothingListensThenAFailedAttemptWithTheReasonAndNoStatus() {
        String closed = "http://127.0.0.1:" + Infrastructure.freePort() + "/hooks";

        WebhookSender.Result result = sender.send(closed, "evt-4", 1, "{}", "h..s");

        assertThat(result.delivered()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).isNotBlank();
    }

    @Test
    void sendWhenTheHostNowResolvesToAPrivateAddressThenRefusedWithoutConnecting() {
        // Registered when it resolved to a public address; DNS now points it at the loopback (rebinding).
        PublicUrlGuard production = new PublicUrlGuard(false, host -> List.of(InetAddress.getLoopbackAddress()));
        WebhookSender guarded = new WebhookSender(production, Duration.ofMillis(500));

        WebhookSender.Result result = guarded.send("https://hooks.partner.example:" + PARTNER.port() + "/hooks",
                "evt-5", 1, "{}", "h..s");

        assertThat(result.delivered()).isFalse();
        assertThat(result.error()).startsWith("refused before sending: webhook_uri must point at a public address");
        PARTNER.verify(0, anyRequestedFor(anyUrl()));
    }

    private static String url(String path) {
        return "http://localhost:" + PARTNER.port() + path;
    }
}
