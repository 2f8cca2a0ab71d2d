package dev.sceneway.auth.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.Optional;

/**
 * The public keys a client may register: RSA of 2048 bits or more (PS256) or EC on P-256 (ES256), public parts
 * only, for signing. FAPI 2.0 Security Profile section 5.4 allows PS256, ES256 and EdDSA; the JDK verifies the first
 * two without extra providers.
 */
public final class ClientKeys {

    static final int MIN_RSA_BITS = 2048;

    private ClientKeys() {
    }

    /** The JWKS, when it is one with at least one key and every key acceptable; empty otherwise. */
    public static Optional<JWKSet> parsePublicJwks(String json) {
        try {
            return Optional.of(JWKSet.parse(json)).filter(ClientKeys::acceptable);
        } catch (ParseException | RuntimeException notAJwks) {
            return Optional.empty();
        }
    }

    /** Why {@code json} is not acceptable as a client's JWKS, or empty when it is. */
    static Optional<String> problemWith(String json) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException | RuntimeException e) {
            return Optional.of("jwks is not a JSON Web Key Set");
        }
        if (set.getKeys().isEmpty()) {
            return Optional.of("jwks has no keys");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                return Optional.of("jwks must hold public keys only; key " + key.getKeyID() + " has private parts");
            }
            if (!signingKey(key)) {
                return Optional.of("jwks may hold RSA keys of " + MIN_RSA_BITS
                        + " bits or more and P-256 EC keys for signing only; key " + key.getKeyID() + " is not one");
            }
        }
        return Optional.empty();
    }

    private static boolean acceptable(JWKSet set) {
        return !set.getKeys().isEmpty() && set.getKeys().stream().allMatch(k -> !k.isPrivate() && signingKey(k));
    }

    private static boolean signingKey(JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        return switch (key) {
            case RSAKey rsa -> rsa.size() >= MIN_RSA_BITS;
            case ECKey ec -> Curve.P_256.equals(ec.getCurve());
            default -> false;
        };
    }
}
