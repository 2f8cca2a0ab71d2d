package dev.sceneway.auth.fapi;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * First in the token endpoint's converters; converts nothing itself (answers {@code null}) but refuses a token request
 * whose DPoP usage the profile forbids: customer grants (authorization_code, refresh_token) need a DPoP proof
 * (RFC 9449), client_credentials too unless {@code sceneway.auth.fapi.require-dpop-for-client-credentials} is off;
 * at most one proof; signed PS256 or ES256 only (what the metadata advertises; Spring itself would take any RSA or
 * EC algorithm). Spring then verifies the proof and binds the token ({@code cnf.jkt}).
 */
final class DpopTokenRequestPolicy implements AuthenticationConverter {

    static final String DPOP_HEADER = "DPoP";
    static final List<String> ALGORITHMS = List.of(JWSAlgorithm.PS256.getName(), JWSAlgorithm.ES256.getName());

    private final Set<String> grantsRequiringDpop;

    DpopTokenRequestPolicy(boolean requireForClientCredentials) {
        this.grantsRequiringDpop = requireForClientCredentials
                ? Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
                        AuthorizationGrantType.REFRESH_TOKEN.getValue(),
                        AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
                : Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
                        AuthorizationGrantType.REFRESH_TOKEN.getValue());
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        List<String> proofs = Collections.list(request.getHeaders(DPOP_HEADER));
        if (proofs.size() > 1) {
            throw invalidProof("send exactly one DPoP header");
        }
        if (proofs.isEmpty()) {
            String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            if (grantType != null && grantsRequiringDpop.contains(grantType)) {
                throw invalidProof("a DPoP proof (RFC 9449) is required for the " + grantType + " grant");
            }
            return null;
        }
        try {
            String algorithm = JWSObject.parse(proofs.getFirst()).getHeader().getAlgorithm().getName();
            if (!ALGORITHMS.contains(algorithm)) {
                throw invalidProof("DPoP proofs must be signed with " + String.join(" or ", ALGORITHMS));
            }
        } catch (ParseException e) {
            throw invalidProof("the DPoP proof is not a signed JWT");
        }
        return null;
    }

    static OAuth2AuthenticationException invalidProof(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, description,
                null));
    }
}
