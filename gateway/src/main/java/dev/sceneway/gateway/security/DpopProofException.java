package dev.sceneway.gateway.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A DPoP failure (RFC 9449 section 7.1): {@code invalid_dpop_proof} for the proof itself, {@code invalid_token} for a
 * token presented in a way its binding does not allow. The description is written for the partner.
 */
final class DpopProofException extends OAuth2AuthenticationException {

    static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";
    static final String INVALID_TOKEN = "invalid_token";

    private DpopProofException(String errorCode, String description) {
        super(new OAuth2Error(errorCode, description, null), description);
    }

    static DpopProofException invalidProof(String description) {
        return new DpopProofException(INVALID_DPOP_PROOF, description);
    }

    static DpopProofException invalidToken(String description) {
        return new DpopProofException(INVALID_TOKEN, description);
    }

    boolean isProofError() {
        return INVALID_DPOP_PROOF.equals(getError().getErrorCode());
    }
}
