package dev.sceneway.gateway.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.OwnRedisGatewayContext;
import dev.sceneway.gateway.support.TestConsents;
import dev.sceneway.gateway.support.TestConsents.Consent;
import dev.sceneway.gateway.support.TestUpstreams;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The consent check fails closed: with Redis killed or hung, a call that needs a consent is refused with 503
 * {@code consent-unavailable} and never reaches the bank, reads included (the limiter lets reads through on its
 * local fallback; the consent check does not), and a consent this replica had cached is not trusted once its notice
 * connection is gone.
 */
class ConsentUnavailableIT extends OwnRedisGatewayContext {

    /** Far below Lettuce's timeouts: only the consent store's 100 ms bound (plus the limiter's) can meet it. */
    private static final Duration CLIENT_BOUND = Duration.ofMillis(1_500);

    @Autowired
    ConsentCache cache;

    private final String base = "/v1/banks/lakeside/accounts/" + UUID.randomUUID();

    @BeforeEach
    void cacheIsLive() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(cache::live);
    }

    @Test
    void redisKilledThenEvenACachedConsentIsRefusedWithConsentUnavailableAndNothingForwarded()
            throws InterruptedException {
        Consent cached = TestConsents.accountAccess(PARTNER, "lakeside", "accounts").saveTo(redis);
        Consent uncached = TestConsents.accountAccess(PARTNER, "lakeside", "accounts").saveTo(redis);
        call(client, base + "/warm", cached.token()).expectStatus().isOk();

        REDIS.kill();
        // Lettuce sees the connection reset within milliseconds; from then on the cache is off.
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> !cache.live());

        WebTestClient impatient = client.mutate().responseTimeout(CLIENT_BOUND).build();
        String body = assertProblem(call(impatient, base + "/cached", cached.token()), 503, "consent-unavailable",
                base + "/cached");
        assertProblem(call(impatient, base + "/uncached", uncached.token()), 503, "consent-unavailable",
                base + "/uncached");

        assertThat(body).doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(REDIS.port()));
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathMatching(base + "/.*")));
    }

    @Test
    void redisHungThenAConsentToReadIsRefusedWithinTheClientsBound() {
        Consent consent = TestConsents.accountAccess(PARTNER, "lakeside", "accounts").saveTo(redis);

        REDIS.hang();

        WebTestClient impatient = client.mutate().responseTimeout(CLIENT_BOUND).build();
        assertProblem(call(impatient, base, consent.token()), 503, "consent-unavailable", base);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathMatching(base + ".*")));
    }

    private static WebTestClient.ResponseSpec call(WebTestClient client, String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
