package dev.sceneway.products.security;

import java.time.Duration;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Verifies access tokens as RFC 9068 JWTs: PS256 only (FAPI 2.0 allows PS256; RS256 is refused even when signed
 * by the right key), key from the auth-server's JWKS, {@code typ} {@code at+jwt}, {@code iss} equal to the
 * configured issuer, {@code aud} containing the configured audience, {@code exp}/{@code nbf} with at most 30 s
 * of clock skew, and {@code sub}, {@code iat}, {@code jti}, {@code client_id} present.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoderConfiguration {

    /** The contract's ceiling for clock skew between auth-server and resource servers. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    /** A slow JWKS endpoint must not hold request threads for long; keys are cached between fetches. */
    private static final Duration JWKS_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration JWKS_READ_TIMEOUT = Duration.ofSeconds(3);

    @Bean
    JwtDecoder accessTokenDecoder(ResourceServerProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.PS256)
                // Nimbus' own type check accepts only "JWT"; the at+jwt check is in the validator below.
                .validateType(false)
                .restOperations(jwksClient())
                .build();
        decoder.setJwtValidator(accessTokenValidator(properties));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> accessTokenValidator(ResourceServerProperties properties) {
        OAuth2TokenValidator<Jwt> expiryWithContractSkew = new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(MAX_CLOCK_SKEW));
        return JwtValidators.createAtJwtValidator()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .validators(validators -> validators.put(JwtClaimNames.EXP, expiryWithContractSkew))
                .build();
    }

    private static RestTemplate jwksClient() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(JWKS_CONNECT_TIMEOUT);
        requests.setReadTimeout(JWKS_READ_TIMEOUT);
        return new RestTemplate(requests);
    }
}
