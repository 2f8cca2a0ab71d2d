package dev.sceneway.auth.fapi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * RFC 9449 section 10.1: a pushed authorization request may carry a DPoP proof instead of (or with) {@code dpop_jkt}.
 * The proof is verified (same rules as at the token endpoint: PS256/ES256, {@code htm}, {@code htu}, {@code iat},
 * {@code jti}) and its key's thumbprint becomes the request's {@code dpop_jkt}, so the code can only be redeemed with
 * that key ({@link DpopJktBinding}); a proof whose key differs from an explicit {@code dpop_jkt} is refused.
 */
final class DpopPushedRequestBinding implements AuthenticationConverter {

    private final AuthenticationConverter delegate;
    private final DPoPProofJwtDecoderFactory proofs = new DPoPProofJwtDecoderFactory();

    DpopPushedRequestBinding(AuthenticationConverter delegate) {
        this.delegate = delegate;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        List<String> headers = Collections.list(request.getHeaders(DpopTokenRequestPolicy.DPOP_HEADER));
        if (headers.isEmpty() || !(converted instanceof OAuth2PushedAuthorizationRequestAuthenticationToken pushed)) {
            return converted;
        }
        // Same refusals as at the token endpoint: one proof, PS256 or ES256.
        new DpopTokenRequestPolicy(false).convert(request);
        String thumbprint = verifiedThumbprint(headers.getFirst(), request);
        Object requested = pushed.getAdditionalParameters().get(PushedRequestValidator.DPOP_JKT);
        if (requested != null && !thumbprint.equals(requested)) {
            throw DpopTokenRequestPolicy.invalidProof("the DPoP proof's key is not the dpop_jkt of this request");
        }
        Map<String, Object> parameters = new HashMap<>(pushed.getAdditionalParameters());
        parameters.put(PushedRequestValidator.DPOP_JKT, thumbprint);
        OAuth2PushedAuthorizationRequestAuthenticationToken bound =
                new OAuth2PushedAuthorizationRequestAuthenticationToken(pushed.getAuthorizationUri(), pushed.getClientId(), (Authentication) pushed.getPrincipal(),
                pushed.getRedirectUri(), pushed.getState(), pushed.getScopes(), parameters);
        bound.setDetails(pushed.getDetails());
        return bound;
    }

    private String verifiedThumbprint(String proof, HttpServletRequest request) {
        try {
            DPoPProofContext context = DPoPProofContext.withDPoPProof(proof).method(request.getMethod())
                    .targetUri(request.getRequestURL().toString()).build();
            Jwt verified = proofs.createDecoder(context).decode(proof);
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) verified.getHeaders().get("jwk");
            return JWK.parse(jwk).computeThumbprint().toString();
        } catch (JOSEException | ParseException | RuntimeException e) {
            // RuntimeException: JwtException (bad proof, replayed jti, wrong htm/htu, stale iat) and malformed jwk.
            throw DpopTokenRequestPolicy.invalidProof("the DPoP proof sent with the pushed authorization request is "
                    + "not valid");
        }
    }
}
