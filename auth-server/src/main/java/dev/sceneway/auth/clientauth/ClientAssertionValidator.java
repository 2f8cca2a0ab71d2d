package dev.sceneway.auth.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims of one client's assertion, checked in order, stopping at the first failure (RFC 7523 section 3):
 * {@code iss} and {@code sub} are the client id; {@code aud} is exactly this server's issuer identifier, the only
 * audience FAPI 2.0 Security Profile section 5.3.2.1 lets an authorization server accept; {@code exp} is present, not
 * past, and at most {@code maxLifetime} ahead; {@code nbf} and {@code iat}, when present, are not in the future;
 * {@code jti} is present and unused. The replay check comes last, so an assertion refused for another reason does not
 * use up its {@code jti}.
 */
final class ClientAssertionValidator implements OAuth2TokenValidator<Jwt> {

    private static final Logger log = LoggerFactory.getLogger(ClientAssertionValidator.class);
    static final int MAX_JTI_LENGTH = 256;

    private final String clientId;
    private final String issuer;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final AssertionReplayCache replays;
    private final Clock clock;

    ClientAssertionValidator(String clientId, String issuer, Duration maxLifetime, Duration clockSkew,
            AssertionReplayCache replays, Clock clock) {
        this.clientId = clientId;
        this.issuer = issuer;
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.replays = replays;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt assertion) {
        Instant now = clock.instant();
        if (!clientId.equals(assertion.getClaimAsString("iss")) || !clientId.equals(assertion.getSubject())) {
            return invalid("iss and sub must both be the client id");
        }
        List<String> audience = assertion.getAudience();
        if (audience == null || audience.size() != 1 || !issuer.equals(audience.getFirst())) {
            return invalid("aud must be the issuer identifier " + issuer);
        }
        Instant expiresAt = assertion.getExpiresAt();
        if (expiresAt == null) {
            return invalid("exp is required");
        }
        if (expiresAt.isBefore(now.minus(clockSkew))) {
            return invalid("the assertion has expired");
        }
        if (expiresAt.isAfter(now.plus(maxLifetime).plus(clockSkew))) {
            return invalid("exp may be at most " + maxLifetime.toSeconds() + " s ahead");
        }
        if (assertion.getNotBefore() != null && assertion.getNotBefore().isAfter(now.plus(clockSkew))) {
            return invalid("the assertion is not valid yet (nbf)");
        }
        if (assertion.getIssuedAt() != null && assertion.getIssuedAt().isAfter(now.plus(clockSkew))) {
            return invalid("iat is in the future");
        }
        String jti = assertion.getId();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            return invalid("jti is required, at most " + MAX_JTI_LENGTH + " characters");
        }
        try {
            if (!replays.firstUse(clientId, jti, expiresAt.plus(clockSkew), now)) {
                return invalid("jti was already used");
            }
        } catch (DataAccessException e) {
            // CAUTION: fail closed. Without the replay check an intercepted assertion could be replayed.
            log.error("Client assertion replay check unavailable; refusing client {}", clientId, e);
            return invalid("the replay check is unavailable; try again");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client assertion: " + description, null));
    }
}
