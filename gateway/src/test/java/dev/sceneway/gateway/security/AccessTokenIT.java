package dev.sceneway.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;

import com.nimbusds.jose.JWSAlgorithm;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

class AccessTokenIT extends GatewayTestContext {

    private static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private final String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
    private static final String PARTNER = GatewayTokens.uniquePartner("tokens");
    private final TestTokens.Builder partner = GatewayTokens.partner(PARTNER).scopes("products");

    @BeforeEach
    void approvePartner() {
        approve(PARTNER);
    }

    @Test
    void requestWhenNoTokenThenTokenMissing() {
        WebTestClient.ResponseSpec response = client.get().uri(path).exchange();

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        assertProblem(response, 401, "token-missing", path);
        assertNotForwarded();
    }

    @Test
    void requestWhenSignatureIsForgedThenTokenInvalid() {
        assertTokenInvalid(partner.signedByForeignKey().sign());
    }

    @Test
    void requestWhenTokenExpiredThenTokenInvalid() {
        assertTokenInvalid(partner.expired().sign());
    }

    @Test
    void requestWhenIssuerIsAnotherThenTokenInvalid() {
        assertTokenInvalid(partner.issuer("https://evil.example").sign());
    }

    @Test
    void requestWhenAudienceIsAnotherThenTokenInvalid() {
        assertTokenInvalid(partner.audience("another-api").sign());
    }

    @Test
    void requestWhenSignedWithRs256ThenTokenInvalid() {
        assertTokenInvalid(partner.algorithm(JWSAlgorithm.RS256).sign());
    }

    @Test
    void requestWhenTypeIsNotAccessTokenThenTokenInvalid() {
        assertTokenInvalid(partner.type("JWT").sign());
    }

    @Test
    void requestWhenClientIdIsMissingThenTokenInvalid() {
        assertTokenInvalid(partner.withoutClientId().sign());
    }

    @Test
    void requestWhenTokenIsNotAJwtThenTokenInvalid() {
        assertTokenInvalid("not-a-jwt");
    }

    @Test
    void productsWhenScopeIsMissingThenInsufficientScope() {
        String token = GatewayTokens.partner(PARTNER).scopes("accounts").sign();

        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\", scope=\"products\"");
        assertProblem(response, 403, "insufficient-scope", path);
        assertNotForwarded();
    }

    private void assertTokenInvalid(String token) {
        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE);
        assertProblem(response, 401, "token-invalid", path);
        assertNotForwarded();
    }

    private void assertNotForwarded() {
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }
}
