package dev.sceneway.auth.key;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * The signing keys loaded at startup: every published key (the JWKS endpoint serves their public parts) and the id of
 * the one that signs new tokens.
 */
public record SigningKeys(JWKSet jwkSet, String activeKeyId) {

    public SigningKeys {
        if (jwkSet.getKeyByKeyId(activeKeyId) == null) {
            throw new IllegalArgumentException("active key " + activeKeyId + " is not among the published keys "
                    + jwkSet.getKeys().stream().map(k -> k.getKeyID()).toList());
        }
    }
}
