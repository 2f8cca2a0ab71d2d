package dev.sceneway.auth.fapi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;

/**
 * RFC 9449 section 10: a {@code dpop_jkt} sent with the pushed authorization request binds the code to that key, so
 * the code can only be redeemed with a DPoP proof of the same key (a code stolen on its way back cannot be redeemed
 * with the thief's key). Runs before Spring's authorization_code provider, which then verifies the proof itself.
 */
final class DpopJktBinding implements AuthenticationProvider {

    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private final AuthenticationProvider delegate;
    private final OAuth2AuthorizationService authorizations;

    DpopJktBinding(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations) {
        this.delegate = delegate;
        this.authorizations = authorizations;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        OAuth2AuthorizationCodeAuthenticationToken grant = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
        String boundKey = boundKey(grant.getCode());
        if (boundKey != null) {
            Object proof = grant.getAdditionalParameters().get("dpop_proof");
            if (!(proof instanceof String text) || !boundKey.equals(thumbprint(text))) {
                throw DpopTokenRequestPolicy.invalidProof("the DPoP proof's key is not the dpop_jkt of the pushed "
                        + "authorization request");
            }
        }
        return delegate.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private @Nullable String boundKey(String code) {
        OAuth2Authorization authorization = authorizations.findByToken(code, CODE);
        if (authorization == null) {
            return null; // Spring answers invalid_grant
        }
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        return request != null && request.getAdditionalParameters().get(PushedRequestValidator.DPOP_JKT)
                instanceof String jkt ? jkt : null;
    }

    private static @Nullable String thumbprint(String proof) {
        try {
            JWK key = JWSObject.parse(proof).getHeader().getJWK();
            return key == null ? null : key.computeThumbprint().toString();
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }
}
