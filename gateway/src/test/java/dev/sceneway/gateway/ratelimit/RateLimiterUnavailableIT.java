package dev.sceneway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.ContractValidation;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.infra.SharedTestInfrastructure;
import dev.sceneway.testing.TestDpop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A context whose Redis is a closed port from the start: lakeside's reads are configured to fail closed,
 * harbour's to fall back to the local limiter. (The kill and hang of a live Redis: FailurePolicyIT.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
@Import(ContractValidation.Config.class)
class RateLimiterUnavailableIT {

    private static final String PARTNER = GatewayTokens.uniquePartner("no-redis");
    private static String databaseUrl;

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void unreachableRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestUpstreams::closedPort);
        GatewayTestContext.registerDatabase(registry, RateLimiterUnavailableIT::databaseUrl);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.tokens.require-dpop", () -> "false");
        registry.add("sceneway.gateway.banks.lakeside.read-failure-policy", () -> "fail-closed");
        registry.add("sceneway.gateway.banks.harbour.uri", () -> TestUpstreams.harbour().baseUrl());
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".lakeside.capacity", () -> 5);
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".harbour.capacity", () -> 2);
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".harbour.refill-per-second", () -> 1);
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = SharedTestInfrastructure.freshDatabase("gateway_noredis_" + ProcessHandle.current().pid());
        }
        return databaseUrl;
    }

    @LocalServerPort
    int port;

    @Test
    void dpopBoundRequestWhenRedisIsUnreachableThenReplayCheckUnavailableAndNothingForwarded() {
        TestDpop key = TestDpop.ec();
        String token = GatewayTokens.partner(PARTNER).scopes("products").boundToDpopKey(key.thumbprint()).sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();

        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", key.proof("GET", "http://localhost:" + port + path).accessToken(token).sign())
                .exchange();

        assertProblem(response, 503, "dpop-replay-check-unavailable", path);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void readWhenRouteFailsClosedAndRedisIsUnreachableThenRateLimiterUnavailableAndNothingForwarded() {
        String token = GatewayTokens.partner(PARTNER).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        double refusedBefore = count(RateLimitMetrics.UNAVAILABLE_METRIC);
        String interactionId = UUID.randomUUID().toString();

        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("x-fapi-interaction-id", interactionId)
                .exchange();

        response.expectHeader().valueEquals("x-fapi-interaction-id", interactionId);
        String body = assertProblem(response, 503, "rate-limiter-unavailable", path);
        assertThat(body).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(TestUpstreams.closedPort()));
        assertThat(count(RateLimitMetrics.UNAVAILABLE_METRIC)).isEqualTo(refusedBefore + 1);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void readWhenRouteFallsBackAndRedisIsUnreachableThenTheLocalBucketOfTheSamePlanMetersIt() {
        String token = GatewayTokens.partner(PARTNER).scopes("products").sign();
        String path = "/v1/banks/harbour/credit/products/" + UUID.randomUUID();
        double fallbacksBefore = count(RateLimitMetrics.FALLBACK_METRIC);

        // Plan at harbour: bursts of 2, then 1 per second. Call until the local bucket refuses (bounded).
        int calls = 0;
        int allowed = 0;
        EntityExchangeResult<byte[]> refused = null;
        long started = System.nanoTime();
        while (refused == null && calls < 10) {
            EntityExchangeResult<byte[]> result = client.get().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectBody().returnResult();
            calls++;
            if (result.getStatus().value() == 200) {
                allowed++;
                assertThat(result.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"partner\";q=2;w=2");
            } else {
                refused = result;
            }
        }
        long elapsedSeconds = Math.ceilDiv(System.nanoTime() - started, 1_000_000_000L);

        assertThat(refused).as("the local bucket of the same plan refuses a burst").isNotNull();
        assertThat(assertProblem(refused, 429, "rate-limited", path)).contains("\"limit\":\"rate\"");
        assertThat(allowed).isBetween(2, 2 + (int) elapsedSeconds);
        assertThat(count(RateLimitMetrics.FALLBACK_METRIC)).isEqualTo(fallbacksBefore + calls);
        TestUpstreams.harbour().verify(allowed, getRequestedFor(urlPathEqualTo(path)));
    }

    private double count(String metric) {
        return meters.find(metric).counters().stream().mapToDouble(Counter::count).sum();
    }
}
