package dev.sceneway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.RedisProcess;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.infra.SharedTestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The written failure policy (tenancy package) against a real redis-server of this class's own, killed with
 * SIGKILL and hung with SIGSTOP: money-moving calls fail closed with nothing forwarded, reads fall back to the
 * local limiter, each counted; and no call waits for Redis longer than the limiter's 100 ms timeout, shown by a
 * client that gives the gateway far less time than a connect or command timeout would take.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient(timeout = "20s")
class FailurePolicyIT {

    /** Below Lettuce's command timeout (2 s) and far above the limiter's 100 ms: only the limiter's timeout meets it. */
    private static final Duration CLIENT_BOUND = Duration.ofMillis(1_500);
    private static final String PARTNER = GatewayTokens.uniquePartner("failure-policy");
    private static final RedisProcess REDIS = RedisProcess.startOnFreePort();
    private static String databaseUrl;

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReactiveStringRedisTemplate redis;

    private final String token = GatewayTokens.partner(PARTNER).scopes("products").sign();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        GatewayTestContext.registerDatabase(registry, FailurePolicyIT::databaseUrl);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        registry.add("sceneway.gateway.tokens.require-dpop", () -> "false");
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".lakeside.capacity", () -> 100);
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".lakeside.refill-per-second", () -> 100);
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = SharedTestInfrastructure.freshDatabase("gateway_failure_" + ProcessHandle.current().pid());
        }
        return databaseUrl;
    }

    @BeforeEach
    void redisIsUpAndTheGatewayUsesIt() {
        REDIS.ensureRunning();
        // Lettuce reconnects on its own (backoff capped at 1 s); a metered call proves the limiter is back.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                "PONG".equals(redis.execute(connection -> connection.ping()).blockFirst(Duration.ofSeconds(2))));
        client.get().uri(productPath()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=100;w=1");
    }

    @AfterEach
    void resumeRedis() {
        REDIS.resume(); // never leave a stopped process behind, whatever the test did
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
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
        String application = "/v1/banks/lakeside/credit/applications/" + UUID.randomUUID();
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
