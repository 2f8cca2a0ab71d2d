package dev.sceneway.auth.fapi;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The FAPI 2.0 profile's settings ({@code sceneway.auth.fapi.*}).
 *
 * @param authorizationCodeTtl lifetime of an authorization code; FAPI 2.0 section 5.3.2.1 caps it at 60 s
 * @param requireDpopForClientCredentials refuse client_credentials token requests without a DPoP proof. FAPI 2.0
 *     requires sender-constrained tokens; off only in the sandbox, whose quick start uses curl and plain bearer tokens.
 *     (The client authentication methods are not a FAPI setting: {@code ClientAuthenticationSetup} both enforces and
 *     advertises them, from {@code sceneway.auth.clients.sandbox}.)
 */
@Validated
@ConfigurationProperties("sceneway.auth.fapi")
public record FapiProperties(
        @DefaultValue("PT60S") @NotNull Duration authorizationCodeTtl,
        @DefaultValue("true") boolean requireDpopForClientCredentials) {

    /** FAPI 2.0 section 5.3.2.1 item 8 (and RFC 9126's 600 s for request_uri, which Spring fixes at 300 s). */
    public static final Duration MAX_CODE_TTL = Duration.ofSeconds(60);

    @AssertTrue(message = "sceneway.auth.fapi.authorization-code-ttl must be positive and at most 60 s (FAPI 2.0)")
    public boolean isAuthorizationCodeTtlWithinFapi() {
        return authorizationCodeTtl == null
                || authorizationCodeTtl.isPositive() && authorizationCodeTtl.compareTo(MAX_CODE_TTL) <= 0;
    }
}
