package dev.sceneway.auth.key;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.sceneway.auth.AuthProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the signing keys at startup, serves them to the token generator and the JWKS endpoint, and rotates them on
 * schedule ({@link SigningKeyRotation}).
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    SigningKeyRing signingKeys(AuthProperties properties, SigningKeyProperties keys, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        PrivateKeyCipher cipher = new PrivateKeyCipher(properties.keyEncryptionKeyBytes());
        return new SigningKeyRing(new SigningKeyStore(jdbc, new TransactionTemplate(transactions), cipher),
                SigningProvider.choose(keys.nativeCrypto()));
    }

    @Bean
    SigningKeyRotation signingKeyRotation(SigningKeyRing ring, SigningKeyProperties properties, AuthProperties auth,
            Clock clock) {
        return new SigningKeyRotation(ring, properties, auth, clock);
    }

    /**
     * Replaces Boot's default, which makes a new key at every start (tokens would die on restart). Reads the ring on
     * every request, so the JWKS endpoint publishes a rotation at once.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyRing ring) {
        return (selector, context) -> selector.select(ring.current().jwkSet());
    }
}
