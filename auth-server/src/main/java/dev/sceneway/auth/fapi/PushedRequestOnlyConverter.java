package dev.sceneway.auth.fapi;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The authorization endpoint accepts only a {@code request_uri} obtained from the PAR endpoint (FAPI 2.0 section
 * 5.3.2.2 item 3, RFC 9126 section 4): a request carrying its parameters in the query is refused before anything
 * else is looked at, and so is an expired {@code request_uri}. The expiry is checked here against the injectable
 * clock (Spring checks it too, against the system clock); single use is Spring's: the pushed request is removed
 * when its code is issued.
 */
final class PushedRequestOnlyConverter implements AuthenticationConverter {

    private static final String EXPIRY_DELIMITER = "___";
    private static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final AuthenticationConverter delegate;
    private final Clock clock;
    private final OAuth2AuthorizationService authorizations;

    PushedRequestOnlyConverter(AuthenticationConverter delegate, Clock clock,
            OAuth2AuthorizationService authorizations) {
        this.delegate = delegate;
        this.clock = clock;
        this.authorizations = authorizations;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String requestUri = request.getParameter(OAuth2ParameterNames.REQUEST_URI);
        if (requestUri == null || requestUri.isBlank()) {
            throw refused("Authorization requests must be pushed first (PAR, RFC 9126): send the client_id and the "
                    + "request_uri the pushed authorization request endpoint returned");
        }
        Instant expiresAt = expiry(requestUri);
        if (expiresAt == null || !clock.instant().isBefore(expiresAt) || !pushed(requestUri)) {
            throw refused("request_uri is unknown, used or has expired: push the authorization request again");
        }
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2AuthorizationConsentAuthenticationToken) {
            throw refused("this authorization server has no consent step at this endpoint");
        }
        return converted;
    }

    /** Checked before the customer is sent to log in, so that a dead request_uri fails at once. */
    private boolean pushed(String requestUri) {
        return requestUri.startsWith(REQUEST_URI_PREFIX)
                && authorizations.findByToken(requestUri.substring(REQUEST_URI_PREFIX.length()), STATE) != null;
    }

    /** Spring's request_uri ends in {@code ___<expiry in epoch millis>}; anything else is not one of ours. */
    private static @Nullable Instant expiry(String requestUri) {
        int at = requestUri.lastIndexOf(EXPIRY_DELIMITER);
        if (at < 0) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(requestUri.substring(at + EXPIRY_DELIMITER.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException refused(String description) {
        // No request authentication: the error is shown here, never redirected to an unverified redirect_uri.
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null), null);
    }
}
