package dev.sceneway.gateway.idempotency;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.ContractValidation;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.infra.SharedTestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A context whose Redis is a closed port: unsafe calls with a key fail closed, fast, and nothing is forwarded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
@Import(ContractValidation.Config.class)
class IdempotencyStoreUnavailableIT {

    private static final String PARTNER = GatewayTokens.uniquePartner("no-redis");
    private static String databaseUrl;

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void unreachableRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestUpstreams::closedPort);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        GatewayTestContext.registerDatabase(registry, IdempotencyStoreUnavailableIT::databaseUrl);
        registry.add("sceneway.gateway.tokens.require-dpop", () -> "false");
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".lakeside.capacity", () -> 5);
        // The rate limiter would refuse first (it fails closed too, see RateLimiterUnavailableIT): this context
        // proves the idempotency store's own failure policy.
        registry.add("sceneway.gateway.rate-limit.enabled", () -> "false");
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = SharedTestInfrastructure.freshDatabase("gateway_noidem_" + ProcessHandle.current().pid());
        }
        return databaseUrl;
    }

    @Test
    void postWhenRedisIsUnreachableThenIdempotencyUnavailableAndNothingForwarded() {
        String token = GatewayTokens.partner(PARTNER).sign();
        String path = "/v1/banks/lakeside/credit/applications-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();

        String body = assertProblem(client.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .bodyValue("{}")
                .exchange(), 503, "idempotency-unavailable", path);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(body).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(TestUpstreams.closedPort()));
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathEqualTo(path)));
    }
}
