package dev.sceneway.auth.key;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.sceneway.auth.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Loads the signing keys once at startup and serves them to the token generator and the JWKS endpoint. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    SigningKeys signingKeys(AuthProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        PrivateKeyCipher cipher = new PrivateKeyCipher(properties.keyEncryptionKeyBytes());
        return new SigningKeyStore(jdbc, new TransactionTemplate(transactions), cipher).loadCreatingIfMissing();
    }

    /** Replaces Boot's default, which makes a new key at every start (tokens would die on restart). */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.jwkSet());
    }
}
