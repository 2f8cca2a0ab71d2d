package dev.sceneway.auth.key;

import static dev.sceneway.auth.TestPartners.renovationPartner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.AuthServerApplication;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.infra.SharedTestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class SigningKeyIT extends AuthServerTestSupport {

    @Autowired
    private SigningKeyRing ring;

    @Autowired
    private AuthProperties properties;

    @Test
    void privateKeyColumnWhenReadThenHoldsNoPlaintextAndOpensOnlyWithTheConfiguredKek() throws Exception {
        SigningKeys keys = ring.current();
        RSAKey active = keys.jwkSet().getKeyByKeyId(keys.activeKeyId()).toRSAKey();
        byte[] pkcs8 = active.toRSAPrivateKey().getEncoded();
        byte[] privateExponent = active.getPrivateExponent().decode();
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT private_key_ciphertext, private_key_nonce FROM signing_key WHERE kid = ?", active.getKeyID());
        SealedBytes stored = new SealedBytes((byte[]) row.get("private_key_nonce"),
                (byte[]) row.get("private_key_ciphertext"));

        String storedHex = HexFormat.of().formatHex(stored.ciphertext());
        assertThat(storedHex).doesNotContain(HexFormat.of().formatHex(Arrays.copyOf(privateExponent, 16)));
        assertThat(stored.ciphertext()).isNotEqualTo(pkcs8);
        assertThat(new PrivateKeyCipher(properties.keyEncryptionKeyBytes()).open(stored, active.getKeyID()))
                .isEqualTo(pkcs8);
        assertThatThrownBy(() -> new PrivateKeyCipher(new byte[32]).open(stored, active.getKeyID()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secondInstanceOnTheSameDatabaseWhenStartedThenPublishesTheSameKeyAndVerifiesOurTokens() throws Exception {
        String token = accessToken(renovationPartner(), "products");
        SigningKeys keys = ring.current();

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("sandbox")
                .run("--server.port=0", "--management.server.port=0", "--sceneway.auth.issuer=" + ISSUER,
                        "--spring.datasource.url=" + DATABASE_URL,
                        "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                        "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password())) {
            String secondPort = second.getEnvironment().getProperty("local.server.port");
            JWKSet published = JWKSet.parse(send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + secondPort + "/oauth2/jwks")).GET()).body());

            assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly(keys.activeKeyId());
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.verify(new RSASSAVerifier(published.getKeyByKeyId(jwt.getHeader().getKeyID())
                    .toRSAKey()))).isTrue();
            // The second instance's seeder found the three demo partners and registered nothing.
            assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM oauth2_registered_client WHERE client_id LIKE '%-demo'", Integer.class))
                    .isEqualTo(3);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key", Integer.class)).isEqualTo(1);
    }
}
