package dev.sceneway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.OwnRedisGatewayContext;
import dev.sceneway.gateway.support.TestUpstreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The written failure policy (tenancy package) against a real redis-server of this class's own, killed with
 * SIGKILL and hung with SIGSTOP: money-moving calls fail closed with nothing forwarded, reads fall back to the
 * local limiter, each counted; and no call waits for Redis longer than the limiter's 100 ms timeout, shown by a
 * client that gives the gateway far less time than a connect or command timeout would take.
 */
class FailurePolicyIT extends OwnRedisGatewayContext {

    /** Below Lettuce's command timeout (2 s) and far above the limiter's 100 ms: only the limiter's timeout meets it. */
    private static final Duration CLIENT_BOUND = Duration.ofMillis(1_500);

    @Autowired
    MeterRegistry meters;

    private final String token = GatewayTokens.partner(PARTNER).scopes("products").sign();

    @BeforeEach
    void theGatewayMetersInRedis() {
        client.get().uri(productPath()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=100;w=1");
    }

    @Test
    void redisKilledThenMoneyMovingCallFailsClosedWithNothingForwardedAndReadsFallBackToTheLocalLimiter()
            throws InterruptedException {
        REDIS.kill();

        // Usually "error" (the connection is reset); "timeout" if the call raced Lettuce noticing the reset.
        assertFailsClosedAndReadsFallBack(null);
    }

    @Test
    void redisHungThenEveryCallIsAnsweredWithinTheClientsBoundFailingClosedOrFallingBack() {
        REDIS.hang();

        assertFailsClosedAndReadsFallBack("timeout");
    }

    private void assertFailsClosedAndReadsFallBack(@Nullable String reason) {
        double refusedBefore = count(RateLimitMetrics.UNAVAILABLE_METRIC, reason);
        double fallbacksBefore = count(RateLimitMetrics.FALLBACK_METRIC, reason);
        // Not under /credit/applications, which needs a consent: this is about the limiter alone.
        String application = "/v1/banks/lakeside/credit/applications-" + UUID.randomUUID();
        String read = productPath();
        WebTestClient impatient = client.mutate().responseTimeout(CLIENT_BOUND).build();

        String body = assertProblem(impatient.post().uri(application)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).bodyValue("{\"amount\":\"1000.00\"}")
                .exchange(), 503, "rate-limiter-unavailable", application);
        impatient.get().uri(read).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=100;w=1");

        assertThat(body).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(REDIS.port()));
        TestUpstreams.lakeside().verify(0, postRequestedFor(urlPathEqualTo(application)));
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(read)));
        assertThat(count(RateLimitMetrics.UNAVAILABLE_METRIC, reason)).isEqualTo(refusedBefore + 1);
        assertThat(count(RateLimitMetrics.FALLBACK_METRIC, reason)).isEqualTo(fallbacksBefore + 1);
    }

    private static String productPath() {
        return "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
    }

    private double count(String metric, @Nullable String reason) {
        var search = reason == null ? meters.find(metric) : meters.find(metric).tag("reason", reason);
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
