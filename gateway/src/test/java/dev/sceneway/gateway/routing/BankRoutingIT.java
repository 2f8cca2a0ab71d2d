package dev.sceneway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

class BankRoutingIT extends GatewayTestContext {

    @LocalManagementPort
    int managementPort;

    private final String partner = GatewayTokens.uniquePartner("routing");
    private final String token = GatewayTokens.partner(partner).scopes("products").sign();

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }

    @Test
    void productsWhenTokenIsValidThenEachBankIsRoutedToItsOwnUpstreamWithPathAndTokenUnchanged() {
        String lakesidePath = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String harbourPath = "/v1/banks/harbour/credit/products/" + UUID.randomUUID();

        client.get().uri(lakesidePath).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=20;w=2")
                .expectHeader().valueEquals("RateLimit", "\"partner\";r=19;t=0")
                .expectBody().jsonPath("$.bankId").isEqualTo("lakeside");
        client.get().uri(harbourPath).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                // A plan per bank: harbour's bucket is the partner's own there, untouched by the lakeside call.
                .expectHeader().valueEquals("RateLimit", "\"partner\";r=19;t=0")
                .expectBody().jsonPath("$.bankId").isEqualTo("harbour");

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(lakesidePath))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(token))));
        TestUpstreams.harbour().verify(1, getRequestedFor(urlPathEqualTo(harbourPath))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(token))));
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(harbourPath)));
        TestUpstreams.harbour().verify(0, getRequestedFor(urlPathEqualTo(lakesidePath)));
    }

    @Test
    void requestWhenBankIsUnknownThenNotFound() {
        String path = "/v1/banks/nosuchbank/credit/products";
        assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                404, "not-found", path);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathMatching("/v1/banks/nosuchbank/.*")));
        TestUpstreams.harbour().verify(0, getRequestedFor(urlPathMatching("/v1/banks/nosuchbank/.*")));
    }

    @Test
    void requestWhenPathIsUnknownThenNotFound() {
        assertProblem(client.get().uri("/v2/anything").exchange(), 404, "not-found", "/v2/anything");
    }

    @Test
    void requestWhenUpstreamRefusesConnectionsThenUpstreamUnavailableWithoutInternalAddress() {
        String path = "/v1/banks/offline/credit/products";
        long started = System.nanoTime();

        String body = assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                503, "upstream-unavailable", path);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(body).doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(TestUpstreams.closedPort()))
                .doesNotContain("Exception");
    }

    @Test
    void requestWhenUpstreamAnswersAfterResponseTimeoutThenUpstreamTimeout() {
        String path = "/v1/banks/sluggish/credit/products";
        long started = System.nanoTime();

        String body = assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                504, "upstream-timeout", path);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofMillis(TestUpstreams.SLUGGISH_DELAY_MS));
        assertThat(body).doesNotContain("300").doesNotContain("Exception");
    }

    @Test
    void healthWhenAskedOnManagementPortThenUpAndWhenAskedOnPublicPortThenNotFound() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        assertProblem(client.get().uri("/actuator/health").exchange(), 404, "not-found", "/actuator/health");
    }
}
