package dev.sceneway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * DPoP proofs (RFC 9449 section 4) signed by a real key pair, with one knob per way a proof can be wrong, e.g.
 * {@code TestDpop.ec().proof("GET", url).accessToken(token).sign()}.
 */
public final class TestDpop {

    private final JWK key;
    private final JWSAlgorithm algorithm;

    private TestDpop(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    /** A fresh P-256 key signing ES256 proofs. */
    public static TestDpop ec() {
        try {
            return new TestDpop(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A fresh RSA 2048 key signing proofs with {@code algorithm} (PS256, or RS256 to test its refusal). */
    public static TestDpop rsa(JWSAlgorithm algorithm) {
        try {
            return new TestDpop(new RSAKeyGenerator(2048).generate(), algorithm);
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** RFC 7638 SHA-256 thumbprint of the public key: the {@code cnf.jkt} of tokens bound to it, and {@code dpop_jkt}. */
    public String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A proof for {@code method} on {@code uri}, issued now, with a random {@code jti}. */
    public Proof proof(String method, String uri) {
        return new Proof(method, uri);
    }

    /** {@code ath}: base64url of the SHA-256 of the access token's ASCII form. */
    public static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** One proof; every setter makes it differ from a valid one in one way (or sets what a test needs). */
    public final class Proof {

        private String method;
        private String uri;
        private Instant issuedAt = Instant.now();
        private String jti = UUID.randomUUID().toString();
        private String type = "dpop+jwt";
        private @Nullable String accessTokenHash;
        private @Nullable JWK headerKey;

        private Proof(String method, String uri) {
            this.method = Objects.requireNonNull(method);
            this.uri = Objects.requireNonNull(uri);
        }

        /** Sets {@code ath} from the token this proof accompanies. */
        public Proof accessToken(String accessToken) {
            this.accessTokenHash = TestDpop.accessTokenHash(accessToken);
            return this;
        }

        public Proof accessTokenHash(String hash) {
            this.accessTokenHash = hash;
            return this;
        }

        public Proof method(String method) {
            this.method = method;
            return this;
        }

        public Proof uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Proof issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Proof jti(String jti) {
            this.jti = jti;
            return this;
        }

        public Proof type(String type) {
            this.type = type;
            return this;
        }

        /** Puts another public key in the header while signing with this one: the signature cannot verify. */
        public Proof headerKey(JWK other) {
            this.headerKey = other;
            return this;
        }

        public String sign() {
            JWK published = headerKey != null ? headerKey : key.toPublicJWK();
            JWSHeader header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType(type)).jwk(published).build();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .jwtID(jti)
                    .claim("htm", method)
                    .claim("htu", uri)
                    .issueTime(Date.from(issuedAt));
            if (accessTokenHash != null) {
                claims.claim("ath", accessTokenHash);
            }
            SignedJWT jwt = new SignedJWT(header, claims.build());
            try {
                jwt.sign(signer());
            } catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
            return jwt.serialize();
        }

        private JWSSigner signer() throws JOSEException {
            return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        }
    }

    /** The public key, e.g. to put a foreign key into another proof's header. */
    public JWK publicKey() {
        return key.toPublicJWK();
    }
}
