package dev.sceneway.auth.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How partner apps are registered and authenticated ({@code sceneway.auth.clients.*}).
 *
 * @param sandbox CAUTION: true only in the sandbox profile. Allows client secrets ({@code client_secret_basic},
 *     {@code client_secret_post}) and {@code http} or private-network URLs (jwks_uri, redirect and webhook URLs of
 *     partner apps on the tester's own machine). False everywhere else: {@code private_key_jwt} only, public
 *     {@code https} URLs only.
 * @param assertionMaxLifetime longest a client assertion may still be valid when it arrives ({@code exp - now}); its
 *     {@code jti} is remembered that long
 * @param assertionClockSkew tolerance for the clocks of partner apps ({@code exp}, {@code nbf}, {@code iat})
 * @param softwareStatementIssuer the {@code iss} the platform puts in the software statements it signs
 * @param softwareStatementJwks the platform's software-statement public keys as a JWKS (JSON); without it,
 *     dynamic client registration refuses every request
 * @param adminClients platform administration clients registered at startup when missing (scope {@code admin})
 * @param cacheTtl how long a replica may use a client it loaded (see {@link PartnerClientRepository}); 0 disables
 *     the cache
 */
@Validated
@ConfigurationProperties("sceneway.auth.clients")
public record ClientProperties(
        @DefaultValue("false") boolean sandbox,
        @DefaultValue("PT5M") @NotNull Duration assertionMaxLifetime,
        @DefaultValue("PT30S") @NotNull Duration assertionClockSkew,
        @DefaultValue("https://sceneway.dev/platform") @NotBlank String softwareStatementIssuer,
        @Nullable String softwareStatementJwks,
        @DefaultValue List<@Valid AdminClient> adminClients,
        @DefaultValue("PT5S") @NotNull Duration cacheTtl) {

    @AssertTrue(message = "sceneway.auth.clients.cache-ttl must be between 0 and 1 minute")
    public boolean isCacheTtlShort() {
        return cacheTtl == null || (!cacheTtl.isNegative() && cacheTtl.compareTo(Duration.ofMinutes(1)) <= 0);
    }

    @AssertTrue(message = "sceneway.auth.clients.assertion-max-lifetime must be between 1 second and 10 minutes")
    public boolean isAssertionMaxLifetimeShort() {
        return assertionMaxLifetime == null || (assertionMaxLifetime.toSeconds() >= 1
                && assertionMaxLifetime.compareTo(Duration.ofMinutes(10)) <= 0);
    }

    @AssertTrue(message = "sceneway.auth.clients.software-statement-jwks must be a JWKS of public keys")
    public boolean isSoftwareStatementJwksPublic() {
        return softwareStatementJwks == null || softwareStatementJwks.isBlank()
                || ClientKeys.parsePublicJwks(softwareStatementJwks).isPresent();
    }

    /**
     * A platform administration client: authenticates with {@code private_key_jwt} and gets scope {@code admin}.
     *
     * @param clientId OAuth 2.0 client identifier
     * @param name name shown to people
     * @param jwks its public keys as a JWKS (JSON)
     */
    public record AdminClient(@NotBlank String clientId, @NotBlank String name, @NotBlank String jwks) {

        @AssertTrue(message = "jwks must be a JWKS of public RSA (2048 bits or more) or P-256 keys")
        public boolean isJwksPublic() {
            return jwks == null || ClientKeys.parsePublicJwks(jwks).isPresent();
        }
    }
}
