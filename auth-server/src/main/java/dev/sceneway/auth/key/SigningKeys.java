package dev.sceneway.auth.key;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;

/**
 * The signing keys loaded at startup: every published key (the JWKS endpoint serves their public parts) and the id of
 * the one that signs new tokens, and since when it does.
 */
public record SigningKeys(JWKSet jwkSet, String activeKeyId, Instant activeSince) {

    public SigningKeys {
        if (jwkSet.getKeyByKeyId(activeKeyId) == null) {
            throw new IllegalArgumentException("active key " + activeKeyId + " is not among the published keys "
                    + jwkSet.getKeys().stream().map(k -> k.getKeyID()).toList());
        }
    }
}
