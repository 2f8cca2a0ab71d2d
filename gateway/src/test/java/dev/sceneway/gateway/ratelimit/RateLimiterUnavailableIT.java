package dev.sceneway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.ContractValidation;
import dev.sceneway.gateway.support.GatewayDatabase;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

/** A second context whose Redis is a closed port: the limiter must fail closed, fast. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
@Import(ContractValidation.Config.class)
class RateLimiterUnavailableIT {

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void unreachableRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestUpstreams::closedPort);
        GatewayDatabase.register(registry);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
    }

    @Test
    void requestWhenRedisIsUnreachableThenRateLimiterUnavailableAndNothingForwarded() {
        String token = GatewayTokens.partner(GatewayTokens.uniquePartner("no-redis")).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        double failuresBefore = failures();
        long started = System.nanoTime();

        String interactionId = UUID.randomUUID().toString();

        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("x-fapi-interaction-id", interactionId)
                .exchange();

        response.expectHeader().valueEquals("x-fapi-interaction-id", interactionId);
        String body = assertProblem(response, 503, "rate-limiter-unavailable", path);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(body).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(TestUpstreams.closedPort()));
        assertThat(failures()).isEqualTo(failuresBefore + 1);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    private double failures() {
        return meters.find(PartnerRateLimitFilter.UNAVAILABLE_METRIC).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
