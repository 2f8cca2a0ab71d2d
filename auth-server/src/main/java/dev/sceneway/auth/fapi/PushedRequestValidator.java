package dev.sceneway.auth.fapi;

import dev.sceneway.auth.consent.ConsentStatus;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * What a pushed authorization request must carry under FAPI 2.0 (section 5.3.2.2): a {@code redirect_uri} equal,
 * character for character, to one the client registered (no prefix, wildcard or loopback-port leniency: RFC 9700
 * section 4.1.3); PKCE with {@code code_challenge_method=S256} (plain or missing is refused); registered scopes; and,
 * if present, a {@code dpop_jkt} shaped like a SHA-256 JWK thumbprint (RFC 9449 section 10). A {@code consent_id}, if
 * present, must name a consent of this client that awaits authorisation, and the scope must include its type's scope
 * ({@link ConsentRequestCheck}).
 */
final class PushedRequestValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String DPOP_JKT = "dpop_jkt";
    /** base64url of 32 bytes, no padding. */
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ConsentRequestCheck consents;

    PushedRequestValidator(ConsentRequestCheck consents) {
        this.consents = consents;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String redirectUri = request.getRedirectUri();
        if (redirectUri == null || !context.getRegisteredClient().getRedirectUris().contains(redirectUri)) {
            // Never redirect to an unverified URI: the error goes back in the PAR response.
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri must be exactly one of the client's "
                    + "registered redirect URIs", request, false);
        }
        OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(context);
        Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
        Object method = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE_METHOD);
        if (!(challenge instanceof String value) || value.isBlank()) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "code_challenge is required (PKCE, RFC 7636)", request, true);
        }
        if (!"S256".equals(method)) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "code_challenge_method must be S256", request, true);
        }
        Object jkt = request.getAdditionalParameters().get(DPOP_JKT);
        if (jkt != null && !(jkt instanceof String text && THUMBPRINT.matcher(text).matches())) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "dpop_jkt must be the base64url SHA-256 JWK thumbprint "
                    + "(RFC 7638) of the DPoP key", request, true);
        }
        try {
            consents.check(request.getAdditionalParameters().get(PushedRequests.CONSENT_ID), request.getClientId(),
                    request.getScopes()).ifPresent(consent -> {
                        if (consent.status() != ConsentStatus.AWAITING_AUTHORISATION) {
                            throw new ConsentRequestCheck.Refused("the consent is " + consent.status().wireName()
                                    + ", not awaiting authorisation");
                        }
                    });
        } catch (ConsentRequestCheck.Refused e) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, e.getMessage(), request, true);
        }
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException error(String code, String description,
            OAuth2AuthorizationCodeRequestAuthenticationToken request, boolean redirectUriVerified) {
        OAuth2AuthorizationCodeRequestAuthenticationToken echoed =
                new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                        request.getClientId(), (Authentication) request.getPrincipal(),
                        redirectUriVerified ? request.getRedirectUri() : null, request.getState(), request.getScopes(),
                        request.getAdditionalParameters());
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(code, description, null), echoed);
    }

}
