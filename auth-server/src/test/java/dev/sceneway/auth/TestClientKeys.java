package dev.sceneway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Keys of test partner apps, the platform admin client and the platform's software-statement signer, and JWTs
 * signed with them: RFC 7523 client assertions and RFC 7591 software statements.
 */
public final class TestClientKeys {

    /** Signs software statements, like the platform (portal) will. */
    public static final RSAKey PLATFORM = rsa("platform-1");
    /** The key of the admin client {@link #ADMIN_CLIENT_ID}. */
    public static final RSAKey ADMIN = rsa("admin-1");
    public static final String ADMIN_CLIENT_ID = "platform-admin";
    public static final String PLATFORM_ISSUER = "https://sceneway.dev/platform";

    private TestClientKeys() {
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS of {@code keys}, as JSON. */
    public static String publicJwks(JWK... keys) {
        return new JWKSet(java.util.List.of(keys)).toPublicJWKSet().toString();
    }

    /** A valid assertion for {@code clientId} at {@code issuer}: 60 s lifetime, a fresh jti. */
    public static String assertion(JWK key, String clientId, String issuer) {
        return assertion(key, clientId, issuer, claims -> claims);
    }

    /** A valid assertion, then changed by {@code change} (for negative tests). */
    public static String assertion(JWK key, String clientId, String issuer,
            UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
        return sign(key, change.apply(claims).build());
    }

    /** A software statement signed by {@link #PLATFORM}, valid for an hour, with these claims added. */
    public static String softwareStatement(UnaryOperator<JWTClaimsSet.Builder> claims) {
        return softwareStatement(PLATFORM, claims);
    }

    public static String softwareStatement(JWK signer, UnaryOperator<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        return sign(signer, claims.apply(new JWTClaimsSet.Builder().issuer(PLATFORM_ISSUER)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("software_id", UUID.randomUUID().toString())).build());
    }

    /** Signed with PS256 (RSA key) or ES256 (EC key). */
    public static String sign(JWK key, JWTClaimsSet claims) {
        try {
            JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256;
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
