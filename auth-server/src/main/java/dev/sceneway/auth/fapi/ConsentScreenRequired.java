package dev.sceneway.auth.fapi;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;

/**
 * Not an error: the logged-in customer has yet to decide on the request's consent. Thrown by {@link ConsentGate} so
 * that the authorization endpoint's response handler ({@link AuthorizationResponses}) sends the browser to the
 * consent screen instead of issuing a code.
 */
final class ConsentScreenRequired extends OAuth2AuthorizationCodeRequestAuthenticationException {

    private final String clientId;
    private final String requestUri;

    ConsentScreenRequired(String clientId, String requestUri) {
        super(new OAuth2Error("consent_required"), null);
        this.clientId = clientId;
        this.requestUri = requestUri;
    }

    String clientId() {
        return clientId;
    }

    String requestUri() {
        return requestUri;
    }
}
