package dev.sceneway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * {@code /v1/banks/{bankId}/consents/**} goes to the auth-server (WireMock standing in), not to the bank, with the
 * token and the DPoP proof unchanged and the bank routes' partner approval, rate limit and idempotency; creating a
 * consent needs its type's scope.
 */
class ConsentsRoutingIT extends GatewayTestContext {

    private static final String CONSENTS = "/v1/banks/lakeside/consents";

    private final String partner = GatewayTokens.uniquePartner("consents-api");

    @Test
    void createWhenPartnerIsApprovedWithTheTypesScopeThenForwardedToAuthServerWithTokenAndProofUnchanged() {
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("accounts").sign();
        String key = UUID.randomUUID().toString();
        String proof = "eyJ0eXAiOiJkcG9wK2p3dCJ9.passed-through-unchanged." + key;

        client.post().uri(CONSENTS + "/account-access").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("DPoP", proof).header("x-idempotency-key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"permissions\":[\"accounts\"]}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=20;w=2")
                .expectHeader().exists(INTERACTION_ID);

        TestUpstreams.authServer().verify(1, postRequestedFor(urlPathEqualTo(CONSENTS + "/account-access"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(token)))
                .withHeader("DPoP", equalTo(proof))
                .withHeader("x-sceneway-partner", equalTo(partner))
                .withHeader("x-sceneway-bank", equalTo("lakeside")));
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathMatching(CONSENTS + ".*")));
    }

    @Test
    void readAndRevokeWhenTokenHasAnyConsentScopeThenForwarded() {
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("credit").sign();
        String consent = CONSENTS + "/" + UUID.randomUUID();

        client.get().uri(consent).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk();
        client.delete().uri(consent).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isNoContent();

        TestUpstreams.authServer().verify(1, getRequestedFor(urlPathEqualTo(consent)));
        TestUpstreams.authServer().verify(1, deleteRequestedFor(urlPathEqualTo(consent)));
    }

    @Test
    void createWhenTokenLacksTheTypesScopeThenInsufficientScopeNamingIt() {
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("accounts", "credit").sign();
        String path = CONSENTS + "/payment";

        assertProblem(client.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString()).bodyValue("{}").exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\", scope=\"payments\""), 403, "insufficient-scope", path);
        TestUpstreams.authServer().verify(0, postRequestedFor(urlPathEqualTo(path))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(token))));
    }

    @Test
    void readWhenTokenHasNoConsentScopeThenInsufficientScope() {
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        String path = CONSENTS + "/" + UUID.randomUUID();

        assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                403, "insufficient-scope", path);
    }

    @Test
    void createWithoutIdempotencyKeyThenRefusedAndNothingForwarded() {
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("payments").sign();
        String path = CONSENTS + "/payment";

        assertProblem(client.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).bodyValue("{}")
                .exchange(), 400, "idempotency-key-missing", path);
        TestUpstreams.authServer().verify(0, postRequestedFor(urlPathEqualTo(path))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(token))));
    }

    @Test
    void createWhenPartnerIsNotApprovedAtTheBankThenPartnerNotApproved() {
        String token = GatewayTokens.partner(partner).scopes("accounts").sign();
        String path = CONSENTS + "/account-access";

        assertProblem(client.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString()).bodyValue("{}").exchange(),
                403, "partner-not-approved", path);
    }
}
