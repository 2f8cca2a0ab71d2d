package dev.sceneway.gateway.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway checks access tokens beyond their signature ({@code sceneway.gateway.tokens.*}).
 *
 * @param requireDpop refuse tokens that are not DPoP-bound (RFC 9449); FAPI 2.0 requires sender-constrained tokens.
 *     Off only in the sandbox, whose quick start uses plain bearer client_credentials tokens
 * @param dpopIatWindow how far a DPoP proof's {@code iat} may lie from the gateway's clock, either way; the
 *     {@code jti} replay cache keeps each proof for twice this long
 * @param jwksMinRefreshInterval at most one JWKS fetch per interval, however many unknown {@code kid}s arrive, so a
 *     flood of forged tokens cannot hammer the auth-server
 * @param jwksMaxAge a JWKS older than this is fetched again on the next token (keys withdrawn by a rotation go away)
 * @param verifiedTokenCache cache verified tokens until they expire, so each token's signature is checked once
 * @param verifiedTokenCacheSize most tokens kept in that cache
 */
@ConfigurationProperties("sceneway.gateway.tokens")
@Validated
public record TokenPolicyProperties(
        @DefaultValue("true") boolean requireDpop,
        @DefaultValue("PT60S") @NotNull Duration dpopIatWindow,
        @DefaultValue("PT30S") @NotNull Duration jwksMinRefreshInterval,
        @DefaultValue("PT10M") @NotNull Duration jwksMaxAge,
        @DefaultValue("true") boolean verifiedTokenCache,
        @DefaultValue("100000") @Positive int verifiedTokenCacheSize) {

    @AssertTrue(message = "sceneway.gateway.tokens.dpop-iat-window must be between 1 s and 5 min")
    public boolean isDpopIatWindowSane() {
        return dpopIatWindow == null
                || dpopIatWindow.compareTo(Duration.ofSeconds(1)) >= 0 && dpopIatWindow.compareTo(Duration.ofMinutes(5)) <= 0;
    }

    @AssertTrue(message = "sceneway.gateway.tokens.jwks-min-refresh-interval and jwks-max-age must be positive")
    public boolean isJwksTimingPositive() {
        return jwksMinRefreshInterval == null || jwksMaxAge == null
                || jwksMinRefreshInterval.isPositive() && jwksMaxAge.isPositive();
    }
}
