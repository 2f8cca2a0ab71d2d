package dev.sceneway.auth.token;

import static dev.sceneway.auth.TestPartners.checkoutPartner;
import static dev.sceneway.auth.TestPartners.renovationPartner;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestPartners.Credentials;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokenIT extends AuthServerTestSupport {

    @Test
    void tokenWhenRenovationDemoUsesClientSecretBasicThenPs256AtJwtWithTheContractsClaimsAndAPublishedKey()
            throws Exception {
        HttpResponse<String> response = tokenRequest(renovationPartner(),
                Map.of("grant_type", "client_credentials", "scope", "products accounts"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("token_type").asString()).isEqualTo("Bearer");
        assertThat(json(response).get("expires_in").asLong()).isBetween(299L, 300L);
        SignedJWT jwt = SignedJWT.parse(json(response).get("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        RSAKey published = (RSAKey) JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).as("key %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("renovation-demo");
        assertThat(claims.getAudience()).containsExactly("sceneway-api");
        assertThat(JSON.readTree(jwt.getPayload().toString()).get("aud").isArray()).as("aud is a JSON array").isTrue();
        assertThat(claims.getStringClaim("client_id")).isEqualTo("renovation-demo");
        assertThat(claims.getClaim("scope")).isEqualTo("accounts products");
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void tokenWhenClientSecretPostThenIssued() {
        HttpResponse<String> response = postForm(port, Map.of("grant_type", "client_credentials",
                "client_id", "checkout-demo", "client_secret", checkoutPartner().secret(), "scope", "payments"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("scope").asString()).isEqualTo("payments");
    }

    @Test
    void tokenWhenNoScopeIsRequestedThenTheClientsRegisteredScopes() throws Exception {
        HttpResponse<String> response = tokenRequest(checkoutPartner(), Map.of("grant_type", "client_credentials"));

        assertThat(response.statusCode()).isEqualTo(200);
        String scope = SignedJWT.parse(json(response).get("access_token").asString()).getJWTClaimsSet()
                .getStringClaim("scope");
        assertThat(scope).isEqualTo("accounts credit payments products");
    }

    @Test
    void tokenWhenSecretIsWrongThenInvalidClient() {
        HttpResponse<String> response = tokenRequest(
                new Credentials("renovation-demo", "not-the-secret"),
                Map.of("grant_type", "client_credentials", "scope", "products"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void tokenWhenNoClientAuthenticationThenInvalidClient() {
        HttpResponse<String> response = postForm(port, Map.of("grant_type", "client_credentials"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenScopeIsNotRegisteredForTheClientThenInvalidScope() {
        HttpResponse<String> response = tokenRequest(renovationPartner(),
                Map.of("grant_type", "client_credentials", "scope", "products payments"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void tokenWhenGrantTypeIsPasswordThenUnsupportedGrantType() {
        HttpResponse<String> response = tokenRequest(renovationPartner(),
                Map.of("grant_type", "password", "username", "someone", "password", "secret"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asString()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void tokenWhenClientCredentialsThenNoRowIsWrittenToTheAuthorizationTable() {
        accessToken(renovationPartner(), "products");
        accessToken(checkoutPartner(), "payments");

        // Customer grants (other test classes share this database) are stored; client_credentials never are.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization WHERE authorization_grant_type = ?",
                Integer.class, "client_credentials")).isZero();
    }
}
