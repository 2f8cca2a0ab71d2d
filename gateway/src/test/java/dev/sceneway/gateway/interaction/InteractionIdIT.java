package dev.sceneway.gateway.interaction;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

class InteractionIdIT extends GatewayTestContext {

    private static final String UUID_FORM = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final String partner = GatewayTokens.uniquePartner("interaction");
    private final String token = GatewayTokens.partner(partner).scopes("products").sign();

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }

    @Test
    void productsWhenCallerSendsAUuidThenItIsEchoedAndForwardedToTheBank() {
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        // Upper case is a valid UUID too; it is echoed as sent, not normalised.
        String id = UUID.randomUUID().toString().toUpperCase();

        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).header(INTERACTION_ID, id)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(INTERACTION_ID, id);

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path)).withHeader(INTERACTION_ID, equalTo(id)));
    }

    @Test
    void productsWhenCallerSendsNoIdThenOneIsGeneratedAndTheBankReceivesTheSame() {
        String nonce = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> result = client.get().uri("/v1/banks/harbour/credit/products?limit=25&n=" + nonce)
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        String id = result.getResponseHeaders().getFirst(INTERACTION_ID);
        assertThat(id).matches(UUID_FORM);
        TestUpstreams.harbour().verify(1, getRequestedFor(urlPathEqualTo("/v1/banks/harbour/credit/products"))
                .withQueryParam("n", equalTo(nonce))
                .withHeader(INTERACTION_ID, equalTo(id)));
    }

    @Test
    void productsWhenCalledTwiceWithoutIdThenEachResponseHasItsOwnId() {
        String path = "/v1/banks/lakeside/credit/products";

        String first = interactionIdOf(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange());
        String second = interactionIdOf(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange());

        assertThat(first).matches(UUID_FORM).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "0f8fad5b-d9cb-469f-a165-70867728950e0",
            "{0f8fad5b-d9cb-469f-a165-70867728950e}", "0f8fad5bd9cb469fa16570867728950e",
            "0f8fad5b-d9cb-469f-a165-70867728950g", "0f8fad5b-d9cb-469f-a165 70867728950e"})
    void productsWhenIdIsMalformedThenBadRequestWithAFreshIdAndNothingForwarded(String malformed) {
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();

        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).header(INTERACTION_ID, malformed)
                .exchange();

        response.expectHeader().valueMatches(INTERACTION_ID, UUID_FORM);
        String body = assertProblem(response, 400, "bad-request", path);
        assertThat(body).contains(INTERACTION_ID);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void productsWhenTwoIdsAreSentThenBadRequest() {
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();

        WebTestClient.ResponseSpec response = client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(INTERACTION_ID, UUID.randomUUID().toString(), UUID.randomUUID().toString())
                .exchange();

        assertProblem(response, 400, "bad-request", path);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    /** Each of the gateway's own rejections; the spec-validating client checks the rest of each response. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "401, token-missing, lakeside, ",
            "401, token-invalid, lakeside, not-a-jwt",
            "403, insufficient-scope, lakeside, accounts",
            "404, not-found, nosuchbank, products",
            "503, upstream-unavailable, offline, products",
            "504, upstream-timeout, sluggish, products"})
    void rejectionWhenGatewayAnswersItselfThenCallersIdIsEchoed(int status, String slug, String bank, String scope) {
        String path = "/v1/banks/" + bank + "/credit/products";
        String id = UUID.randomUUID().toString();
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(path).header(INTERACTION_ID, id);
        if (scope != null) {
            String credential = scope.equals("not-a-jwt")
                    ? scope
                    : GatewayTokens.partner(partner).scopes(scope).sign();
            request = request.header(HttpHeaders.AUTHORIZATION, bearer(credential));
        }

        WebTestClient.ResponseSpec response = request.exchange();

        response.expectHeader().valueEquals(INTERACTION_ID, id);
        assertProblem(response, status, slug, path);
    }

    @Test
    void unknownPathWhenCalledThenNotFoundCarriesAnId() {
        client.get().uri("/nothing/here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueMatches(INTERACTION_ID, UUID_FORM);
    }

    private static String interactionIdOf(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectBody().returnResult().getResponseHeaders().getFirst(INTERACTION_ID);
    }
}
