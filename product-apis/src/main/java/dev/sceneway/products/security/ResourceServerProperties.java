package dev.sceneway.products.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this service verifies access tokens on its own (the gateway is not the only wall).
 *
 * @param issuer    the exact {@code iss} of accepted tokens, e.g. {@code http://localhost:9000}
 * @param jwkSetUri where the auth-server publishes its signing keys, e.g. {@code http://localhost:9000/oauth2/jwks}
 * @param audience  a value accepted tokens must carry in {@code aud}
 */
@Validated
@ConfigurationProperties("sceneway.security")
public record ResourceServerProperties(
        // Compared as a string, exactly as RFC 9068 section 4 requires: no trailing-slash normalisation.
        @NotBlank String issuer,
        @NotNull URI jwkSetUri,
        @DefaultValue("sceneway-api") @NotBlank String audience) {
}
