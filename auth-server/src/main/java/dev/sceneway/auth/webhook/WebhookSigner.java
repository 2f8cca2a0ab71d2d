package dev.sceneway.auth.webhook;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import dev.sceneway.auth.key.SigningKeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Signs a webhook body as a JWS with a detached payload (RFC 7515 Appendix F): {@code <header>..<signature>}, the
 * payload being the base64url of the exact body bytes, left out of the serialization. PS256 with auth-server's
 * active signing key, so partners verify with the JWK set they already fetch for tokens ({@code /oauth2/jwks}).
 * The protected header holds {@code alg}, {@code kid}, {@code typ} ({@value #TYPE}) and {@code iat}, the time of
 * this attempt in seconds, so a receiver can refuse an old delivery replayed at it.
 *
 * <p>CAUTION: the key also signs access tokens. A webhook signature cannot pass for a token: its {@code typ} is not
 * {@code at+jwt}, which resource servers require (RFC 9068), and its payload is no claims set.
 */
final class WebhookSigner {

    /** The protected header's {@code typ}. */
    static final String TYPE = "sceneway-webhook+jws";

    private final SigningKeyRing keys;

    WebhookSigner(SigningKeyRing keys) {
        this.keys = keys;
    }

    /** The compact detached JWS of {@code body}, signed now ({@code iat}). */
    String sign(String body, Instant iat) {
        String keyId = keys.current().activeKeyId();
        JWSSigner signer = keys.signer(keyId);
        if (signer == null) {
            throw new IllegalStateException("the active signing key " + keyId + " is not an RSA private key");
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256)
                .keyID(keyId)
                .type(new JOSEObjectType(TYPE))
                .customParam("iat", iat.getEpochSecond())
                .build();
        JWSObject jws = new JWSObject(header, new Payload(body.getBytes(StandardCharsets.UTF_8)));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a webhook with key " + keyId, e);
        }
        return jws.serialize(true);
    }
}
