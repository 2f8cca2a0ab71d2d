package dev.sceneway.auth.fapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Authorization codes of 256 random bits that live {@code sceneway.auth.fapi.authorization-code-ttl} (at most 60 s,
 * FAPI 2.0 section 5.3.2.1), whatever a client's own token settings say. Single use is Spring's: redeeming a code
 * invalidates it, and a second redemption is {@code invalid_grant}.
 */
final class ShortLivedCodeGenerator implements OAuth2TokenGenerator<OAuth2AuthorizationCode> {

    private final StringKeyGenerator codes = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 32);
    private final Duration timeToLive;
    private final Clock clock;

    ShortLivedCodeGenerator(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public @Nullable OAuth2AuthorizationCode generate(OAuth2TokenContext context) {
        if (context.getTokenType() == null || !OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
            return null;
        }
        Instant issuedAt = clock.instant();
        return new OAuth2AuthorizationCode(codes.generateKey(), issuedAt, issuedAt.plus(timeToLive));
    }
}
