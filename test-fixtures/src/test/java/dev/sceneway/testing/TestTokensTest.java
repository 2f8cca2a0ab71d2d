package dev.sceneway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestTokensTest {

    private static final String ISSUER = "https://auth.sceneway.test";

    @Test
    void signWhenNothingChangedThenPublicJwksVerifiesAnRfc9068Token() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.token(ISSUER, "renovation-demo").scopes("accounts", "products").sign());

        assertThat(jwt.verify(new RSASSAVerifier(publicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("renovation-demo");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("accounts products");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(jwt.getJWTClaimsSet().getNotBeforeTime());
    }

    @Test
    void signWhenForeignKeyThenSameKidButPublicJwksRejectsTheSignature() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.token(ISSUER, "renovation-demo").signedByForeignKey().sign());

        assertThat(jwt.getHeader().getKeyID()).isEqualTo(publicKey().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(publicKey()))).isFalse();
    }

    @Test
    void signWhenExpiredWithoutClientIdThenClaimsSayExactlyThat() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.token(ISSUER, "p").expired().withoutClientId().sign());

        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isBefore(Instant.now().minus(Duration.ofSeconds(30)));
        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("client_id");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("p");
    }

    private static RSAKey publicKey() {
        return TestTokens.publicJwks().getKeys().getFirst().toRSAKey();
    }
}
