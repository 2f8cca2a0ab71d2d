package dev.sceneway.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Request metrics per route and partner, scraped from the management port and only from there. */
class PrometheusIT extends GatewayTestContext {

    @LocalManagementPort
    int managementPort;

    @Test
    void scrapeWhenAPartnerCalledABankThenItsRequestMeterIsTaggedWithRouteAndPartner() {
        String partner = GatewayTokens.uniquePartner("scraped");
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        for (int i = 0; i < 2; i++) {
            client.get().uri("/v1/banks/harbour/credit/products").header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .exchange().expectStatus().isOk();
        }

        String scrape = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        // One series per route, partner, method and status; label order is Prometheus' (alphabetical).
        assertThat(scrape).containsPattern(Pattern.compile("sceneway_gateway_requests_seconds_count\\{[^}]*partner=\""
                + Pattern.quote(partner) + "\",route=\"bank-harbour\",status=\"200\"} 2(\\.0)?\\n"));
    }

    @Test
    void scrapeWhenAskedOnThePublicPortThenNotFound() {
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("sceneway_gateway"));
    }
}
