package dev.sceneway.auth.fapi;

import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pushed authorization requests (RFC 9126) waiting at the authorization endpoint, as Spring stores them (an
 * {@link OAuth2Authorization} found by the {@code state} inside the {@code request_uri}), and the customer's consent
 * decision recorded on them. Recording the decision on the pushed request itself (in the database, not the HTTP
 * session) binds it to exactly one authorization request: another request for the same consent never inherits it.
 */
@Component
public class PushedRequests {

    public static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    public static final String CONSENT_ID = "consent_id";
    /** The journey's consent screen, where {@link ConsentGate} sends a customer who has yet to decide. */
    public static final String CONSENT_PAGE = "/consent";
    /** Attribute of the pushed request: the customer who approved or denied its consent on the consent screen. */
    static final String DECIDED_BY = "sceneway.consent-decided-by";
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final OAuth2AuthorizationService authorizations;

    PushedRequests(OAuth2AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /** The pushed request behind {@code requestUri}; empty when unknown or already used. */
    public Optional<PushedRequest> find(@Nullable String requestUri) {
        if (requestUri == null || !requestUri.startsWith(REQUEST_URI_PREFIX)) {
            return Optional.empty();
        }
        OAuth2Authorization pushed = authorizations.findByToken(requestUri.substring(REQUEST_URI_PREFIX.length()),
                STATE);
        if (pushed == null || !(pushed.getAttribute(OAuth2AuthorizationRequest.class.getName())
                instanceof OAuth2AuthorizationRequest request)) {
            return Optional.empty();
        }
        return Optional.of(new PushedRequest(requestUri, pushed, request));
    }

    /** The pushed request an authorization endpoint URL ({@code ...?client_id=…&request_uri=…}) points at. */
    public Optional<PushedRequest> fromAuthorizationUrl(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return find(UriComponentsBuilder.fromUriString(url).build().getQueryParams()
                    .getFirst(OAuth2ParameterNames.REQUEST_URI))
                    .map(pushed -> pushed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code customer} decided (approved or denied) the consent of this request. */
    public void recordDecision(PushedRequest pushed, String customer) {
        authorizations.save(OAuth2Authorization.from(pushed.authorization()).attribute(DECIDED_BY, customer).build());
    }

    void remove(PushedRequest pushed) {
        authorizations.remove(pushed.authorization());
    }

    /**
     * One pushed authorization request.
     *
     * @param requestUri the {@code request_uri} the client sends the customer with
     * @param authorization what Spring stored
     * @param request the pushed parameters
     */
    public record PushedRequest(String requestUri, OAuth2Authorization authorization,
            OAuth2AuthorizationRequest request) {

        public String clientId() {
            return request.getClientId();
        }

        public @Nullable String redirectUri() {
            return request.getRedirectUri();
        }

        public Set<String> scopes() {
            return request.getScopes();
        }

        /** The consent this request asks the customer to approve; null for a request without one. */
        public @Nullable String consentId() {
            return request.getAdditionalParameters().get(CONSENT_ID) instanceof String id && !id.isBlank() ? id
                    : null;
        }

        /** Who decided this request's consent on the consent screen; null before a decision. */
        public @Nullable String decidedBy() {
            return authorization.getAttribute(DECIDED_BY) instanceof String customer ? customer : null;
        }
    }
}
