package dev.sceneway.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The central check is wired: a response that drifts from credit.yaml fails the test that receives it. */
class ContractValidationIT extends GatewayTestContext {

    @Test
    void responseWhenBodyIsNotTheSpecsThenTheExchangeFails() {
        String path = "/v1/banks/lakeside/credit/products/drifted-product";
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"bank\":\"lakeside\"}")));
        String partner = GatewayTokens.uniquePartner("drift");
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("products").sign();

        assertThatThrownBy(() -> client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange())
                .hasStackTraceContaining("does not conform to credit.yaml")
                .hasStackTraceContaining("productId");
    }
}
