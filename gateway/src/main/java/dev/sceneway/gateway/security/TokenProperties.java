package dev.sceneway.gateway.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which access tokens the gateway accepts.
 *
 * @param issuer the auth-server's issuer URL; every token's {@code iss} must equal it
 * @param jwkSetUri where the auth-server publishes its signing keys (fetched on first use, not at startup)
 * @param audience the value every token's {@code aud} must contain
 */
@ConfigurationProperties("sceneway.gateway")
@Validated
public record TokenProperties(
        @NotNull URI issuer,
        @NotNull URI jwkSetUri,
        @DefaultValue("sceneway-api") @NotBlank String audience) {
}
