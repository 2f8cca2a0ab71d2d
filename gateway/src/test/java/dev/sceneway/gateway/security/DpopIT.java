package dev.sceneway.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;

import com.nimbusds.jose.JWSAlgorithm;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.testing.TestDpop;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** DPoP-bound access tokens (RFC 9449 section 7): one test per way a proof or its use can be wrong. */
class DpopIT extends GatewayTestContext {

    private static final String PROOF_CHALLENGE =
            "Bearer error=\"invalid_token\", DPoP error=\"invalid_dpop_proof\", algs=\"PS256 ES256\"";
    private static final String TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", DPoP error=\"invalid_token\", algs=\"PS256 ES256\"";

    @LocalServerPort
    private int port;

    private static final String PARTNER = GatewayTokens.uniquePartner("dpop");

    private final TestDpop key = TestDpop.ec();
    private final String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
    private final String token = GatewayTokens.partner(PARTNER).scopes("products")
            .boundToDpopKey(key.thumbprint()).sign();

    @BeforeEach
    void approvePartner() {
        approve(PARTNER);
    }

    private String url() {
        return "http://localhost:" + port + path;
    }

    private TestDpop.Proof proof() {
        return key.proof("GET", url()).accessToken(token);
    }

    @Test
    void requestWhenProofIsValidThenForwarded() {
        send("DPoP " + token, proof().sign()).expectStatus().isOk();

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void requestWhenRsaPs256ProofIsValidThenForwarded() {
        TestDpop rsa = TestDpop.rsa(JWSAlgorithm.PS256);
        String rsaBound = GatewayTokens.partner(PARTNER).scopes("products")
                .boundToDpopKey(rsa.thumbprint()).sign();

        send("DPoP " + rsaBound, rsa.proof("GET", url()).accessToken(rsaBound).sign()).expectStatus().isOk();
    }

    @Test
    void requestWhenTheSameTokenIsUsedWithFreshProofsThenEachIsForwarded() {
        send("DPoP " + token, proof().sign()).expectStatus().isOk();
        send("DPoP " + token, proof().sign()).expectStatus().isOk();

        TestUpstreams.lakeside().verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void requestWhenProofIsReplayedThenInvalidDpopProof() {
        String once = proof().sign();
        send("DPoP " + token, once).expectStatus().isOk();

        WebTestClient.ResponseSpec replayed = send("DPoP " + token, once);

        replayed.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, PROOF_CHALLENGE);
        assertProblem(replayed, 401, "dpop-proof-invalid", path);
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void requestWhenHtmIsAnotherMethodThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().method("POST").sign()));
    }

    @Test
    void requestWhenHtuIsAnotherUrlThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().uri("http://localhost:" + port + "/v1/banks/harbour/x").sign()));
    }

    @Test
    void requestWhenHtuDiffersOnlyInCaseOfHostQueryAndDefaultPortRulesThenForwarded() {
        // RFC 9449 section 4.3: scheme and host compare case-insensitively; query and fragment are not part of htu.
        send("DPoP " + token, proof().uri("HTTP://LOCALHOST:" + port + path + "?ignored=1#frag").sign())
                .expectStatus().isOk();
    }

    @Test
    void requestWhenIatIsStaleThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().issuedAt(Instant.now().minusSeconds(120)).sign()));
    }

    @Test
    void requestWhenIatIsInTheFutureThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().issuedAt(Instant.now().plusSeconds(120)).sign()));
    }

    @Test
    void requestWhenAthIsForAnotherTokenThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().accessToken(token + "x").sign()));
    }

    @Test
    void requestWhenProofIsSignedByAnotherKeyThanTheTokensThenInvalidDpopProof() {
        TestDpop thief = TestDpop.ec();

        assertInvalidProof(send("DPoP " + token, thief.proof("GET", url()).accessToken(token).sign()));
    }

    @Test
    void requestWhenHeaderJwkIsNotTheSigningKeyThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().headerKey(TestDpop.ec().publicKey()).sign()));
    }

    @Test
    void requestWhenTypIsNotDpopJwtThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, proof().type("JWT").sign()));
    }

    @Test
    void requestWhenProofIsSignedWithRs256ThenInvalidDpopProof() {
        TestDpop rs256 = TestDpop.rsa(JWSAlgorithm.RS256);
        String bound = GatewayTokens.partner(PARTNER).scopes("products")
                .boundToDpopKey(rs256.thumbprint()).sign();

        assertInvalidProof(send("DPoP " + bound, rs256.proof("GET", url()).accessToken(bound).sign()));
    }

    @Test
    void requestWhenProofIsMissingThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, null));
    }

    @Test
    void requestWhenProofIsNotAJwtThenInvalidDpopProof() {
        assertInvalidProof(send("DPoP " + token, "not-a-jwt"));
    }

    @Test
    void requestWhenDpopBoundTokenIsSentAsBearerThenInvalidToken() {
        WebTestClient.ResponseSpec response = send("Bearer " + token, proof().sign());

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, TOKEN_CHALLENGE);
        assertProblem(response, 401, "token-invalid", path);
        assertNotForwarded();
    }

    @Test
    void requestWhenUnboundTokenIsSentWithTheDpopSchemeThenInvalidToken() {
        String unbound = GatewayTokens.partner(PARTNER).scopes("products").sign();

        WebTestClient.ResponseSpec response = send("DPoP " + unbound, key.proof("GET", url()).accessToken(unbound).sign());

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, TOKEN_CHALLENGE);
        assertProblem(response, 401, "token-invalid", path);
    }

    private WebTestClient.ResponseSpec send(String authorization, String proof) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, authorization);
        if (proof != null) {
            request = request.header("DPoP", proof);
        }
        return request.exchange();
    }

    private void assertInvalidProof(WebTestClient.ResponseSpec response) {
        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, PROOF_CHALLENGE);
        assertProblem(response, 401, "dpop-proof-invalid", path);
        assertNotForwarded();
    }

    private void assertNotForwarded() {
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }
}
