package dev.sceneway.auth.fapi;

import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Wraps the authorization endpoint's request converter (so it decides before Spring's code request provider runs,
 * and its refusals reach the endpoint's error handler: a provider's would only make Spring's provider the next to
 * try) and lets a request that names a consent reach it
 * (and so get a code) only once the logged-in customer approved that consent for exactly this pushed request:
 * <ul>
 * <li>consent AwaitingAuthorisation, customer not logged in yet: on to Spring, which sends the customer to log in;
 * <li>AwaitingAuthorisation, customer logged in: {@link ConsentScreenRequired} (the response handler redirects to the
 *     consent screen);
 * <li>Authorised by this customer on this request's consent screen: on to Spring, which issues the code;
 * <li>Rejected by this customer on this request's consent screen: {@code access_denied} to the client;
 * <li>anything else (decided elsewhere, revoked, expired…): {@code invalid_request} to the client.
 * </ul>
 * Errors go to the client's redirect URI, which PAR verified. Requests without {@code consent_id} pass unchanged.
 */
final class ConsentGate implements AuthenticationConverter {

    private final AuthenticationConverter delegate;
    private final PushedRequests pushedRequests;
    private final ConsentRequestCheck check;

    ConsentGate(AuthenticationConverter delegate, PushedRequests pushedRequests, ConsentRequestCheck check) {
        this.delegate = delegate;
        this.pushedRequests = pushedRequests;
        this.check = check;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest servletRequest) {
        Authentication authentication = delegate.convert(servletRequest);
        if (!(authentication instanceof OAuth2AuthorizationCodeRequestAuthenticationToken request)) {
            return authentication;
        }
        Object requestUri = request.getAdditionalParameters().get(OAuth2ParameterNames.REQUEST_URI);
        PushedRequests.PushedRequest pushed = requestUri instanceof String uri
                ? pushedRequests.find(uri).orElse(null) : null;
        if (pushed == null || pushed.consentId() == null || !pushed.clientId().equals(request.getClientId())) {
            return authentication;
        }
        ConsentView consent;
        try {
            consent = check.check(pushed.consentId(), pushed.clientId(), pushed.scopes()).orElseThrow();
        } catch (ConsentRequestCheck.Refused e) {
            throw toClient(OAuth2ErrorCodes.INVALID_REQUEST, e.getMessage(), pushed, request);
        }
        String customer = loggedInCustomer(request);
        boolean decidedHere = customer != null && customer.equals(pushed.decidedBy());
        if (consent.status() == ConsentStatus.AWAITING_AUTHORISATION && pushed.decidedBy() == null) {
            if (customer == null) {
                return authentication;
            }
            throw new ConsentScreenRequired(pushed.clientId(), pushed.requestUri());
        }
        if (consent.status() == ConsentStatus.AUTHORISED && decidedHere && customer.equals(consent.customer())) {
            return authentication;
        }
        if (consent.status() == ConsentStatus.REJECTED && decidedHere) {
            pushedRequests.remove(pushed);
            throw toClient(OAuth2ErrorCodes.ACCESS_DENIED, "the customer denied the consent", pushed, request);
        }
        throw toClient(OAuth2ErrorCodes.INVALID_REQUEST, "the consent is " + consent.status().wireName()
                + ", not awaiting authorisation", pushed, request);
    }

    private static @Nullable String loggedInCustomer(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return request.getPrincipal() instanceof Authentication principal && principal.isAuthenticated()
                && !(principal instanceof AnonymousAuthenticationToken) ? principal.getName() : null;
    }

    /** An error for the client, redirected to its verified redirect URI with the request's state. */
    private static OAuth2AuthorizationCodeRequestAuthenticationException toClient(String code, String description,
            PushedRequests.PushedRequest pushed, OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        OAuth2AuthorizationCodeRequestAuthenticationToken echoed = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), pushed.clientId(), (Authentication) request.getPrincipal(),
                pushed.redirectUri(), pushed.request().getState(), pushed.scopes(), null);
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null),
                echoed);
    }
}
