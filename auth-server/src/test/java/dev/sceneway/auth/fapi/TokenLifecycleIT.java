package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestTotp;
import org.springframework.data.redis.core.StringRedisTemplate;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.testing.TestDpop;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What happens to tokens after issue: refresh (customer grants only, bound to the client), introspection (RFC 7662)
 * and revocation (RFC 7009); and DPoP on client_credentials.
 */
class TokenLifecycleIT extends AuthServerTestSupport {

    @Autowired
    private PartnerClientRepository clients;

    @org.springframework.beans.factory.annotation.Autowired
    private StringRedisTemplate redis;

    private CodeFlowClient partner;
    private CodeFlowClient otherPartner;

    @BeforeEach
    void registerPartners() {
        CodeFlowClients.register(clients);
        partner = new CodeFlowClient(port, CodeFlowClient.CLIENT_ID, ISSUER,
                TestTotp.forgettingUsedCodes(redis, Clock.systemUTC()));
        otherPartner = new CodeFlowClient(port, CodeFlowClient.OTHER_CLIENT_ID, ISSUER);
    }

    @AfterEach
    void unregisterPartners() {
        CodeFlowClients.removeGrants(jdbc);
    }

    private Map<String, String> customerTokens() {
        String code = CodeFlowClient.query(partner.authorizeAsAlice(partner.pushedParameters())).get("code");
        HttpResponse<String> token = partner.redeem(code, partner.tokenProof());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Map.of("access_token", AuthJson.field(token.body(), "access_token"),
                "refresh_token", AuthJson.field(token.body(), "refresh_token"));
    }

    @Test
    void refreshWhenSameClientWithDpopThenANewDpopBoundAccessToken() throws Exception {
        String refreshToken = customerTokens().get("refresh_token");

        HttpResponse<String> refreshed = partner.token(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken), partner.tokenProof());

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        SignedJWT token = SignedJWT.parse(AuthJson.field(refreshed.body(), "access_token"));
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(token.getJWTClaimsSet().getJSONObjectClaim("cnf")).containsKey("jkt");
    }

    @Test
    void refreshWhenAnotherClientPresentsTheRefreshTokenThenInvalidGrant() {
        String refreshToken = customerTokens().get("refresh_token");

        HttpResponse<String> stolen = otherPartner.token(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken), otherPartner.tokenProof());

        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(stolen.body(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void refreshWhenTheRefreshTokenWasRevokedThenInvalidGrant() {
        String refreshToken = customerTokens().get("refresh_token");

        HttpResponse<String> revoked = partner.postForm("/oauth2/revoke",
                Map.of("token", refreshToken, "token_type_hint", "refresh_token"));
        HttpResponse<String> refreshed = partner.token(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken), partner.tokenProof());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(refreshed.body(), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void refreshWhenWithoutDpopThenInvalidDpopProof() {
        String refreshToken = customerTokens().get("refresh_token");

        HttpResponse<String> refreshed = partner.token(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken), null);

        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(refreshed.body(), "error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void introspectionWhenCustomerTokenThenActiveUntilRevoked() {
        String accessToken = customerTokens().get("access_token");

        HttpResponse<String> before = partner.postForm("/oauth2/introspect", Map.of("token", accessToken));
        HttpResponse<String> revoked = partner.postForm("/oauth2/revoke", Map.of("token", accessToken));
        HttpResponse<String> after = partner.postForm("/oauth2/introspect", Map.of("token", accessToken));

        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(AuthJson.read(before.body()).get("active").asBoolean()).isTrue();
        assertThat(AuthJson.field(before.body(), "sub")).isEqualTo("alice");
        assertThat(AuthJson.field(before.body(), "client_id")).isEqualTo(CodeFlowClient.CLIENT_ID);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(AuthJson.read(after.body()).get("active").asBoolean()).isFalse();
    }

    @Test
    void introspectionWhenClientIsNotAuthenticatedThenInvalidClient() {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(uri("/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=x")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AuthJson.field(response.body(), "error")).isEqualTo("invalid_client");
    }

    @Test
    void clientCredentialsWhenDpopProofIsSentThenTheTokenIsBoundToItsKeyAndHasNoRefreshToken() throws Exception {
        HttpResponse<String> response = partner.token(Map.of("grant_type", "client_credentials", "scope", "accounts"),
                partner.tokenProof());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthJson.field(response.body(), "token_type")).isEqualTo("DPoP");
        assertThat(AuthJson.read(response.body()).has("refresh_token")).isFalse();
        assertThat(SignedJWT.parse(AuthJson.field(response.body(), "access_token")).getJWTClaimsSet()
                .getJSONObjectClaim("cnf")).containsEntry("jkt", partner.dpopKey.thumbprint());
    }

    @Test
    void clientCredentialsWhenDpopProofIsSignedRs256ThenInvalidDpopProof() {
        String proof = TestDpop.rsa(JWSAlgorithm.RS256).proof("POST", partner.uri("/oauth2/token").toString()).sign();

        HttpResponse<String> response = partner.token(Map.of("grant_type", "client_credentials"), proof);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(response.body(), "error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void clientCredentialsWhenDpopProofIsForAnotherUrlThenInvalidDpopProof() {
        String proof = partner.dpopKey.proof("POST", "https://elsewhere.example/oauth2/token").sign();

        HttpResponse<String> response = partner.token(Map.of("grant_type", "client_credentials"), proof);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthJson.field(response.body(), "error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void tokenWhenGrantIsTokenExchangeOrDeviceCodeThenUnsupportedGrantType() {
        for (String grant : new String[] {"urn:ietf:params:oauth:grant-type:token-exchange",
                "urn:ietf:params:oauth:grant-type:device_code"}) {
            HttpResponse<String> response = partner.token(Map.of("grant_type", grant, "subject_token", "x",
                    "subject_token_type", "urn:ietf:params:oauth:token-type:access_token", "device_code", "x"),
                    partner.tokenProof());

            assertThat(response.statusCode()).as(grant).isEqualTo(400);
            assertThat(AuthJson.field(response.body(), "error")).as(grant).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void deviceAuthorizationAndOidcEndpointsWhenRequestedThenNotFound() {
        assertThat(partner.postForm("/oauth2/device_authorization", Map.of("scope", "accounts")).statusCode())
                .isEqualTo(404);
        assertThat(get("/.well-known/openid-configuration").statusCode()).isEqualTo(404);
        assertThat(get("/userinfo").statusCode()).isEqualTo(404);
    }
}
