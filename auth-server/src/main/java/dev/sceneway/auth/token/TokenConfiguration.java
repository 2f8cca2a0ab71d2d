package dev.sceneway.auth.token;

import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.key.SigningKeyRing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** Beans the authorization server configurer picks up from the context: token storage, token shape and
 * signing. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new ClientCredentialsAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients));
    }

    /** Picked up by the authorization server instead of a {@code NimbusJwtEncoder} over the JWK source. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeyRing keys) {
        return new ArrayAudienceJwtEncoder(keys);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenCustomizer(AuthProperties properties, SigningKeyRing keys,
            CustomerConsents consents) {
        return new AccessTokenCustomizer(properties, keys, consents);
    }
}
