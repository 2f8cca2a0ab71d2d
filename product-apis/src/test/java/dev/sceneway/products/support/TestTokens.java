package dev.sceneway.products.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real signed access tokens shaped like the auth-server's (RFC 9068, PS256, {@code typ=at+jwt}), with one knob
 * per way a token can be wrong. The public half of {@link #SIGNING_KEY} is what {@link TestJwks} serves.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.sceneway.test";
    public static final String AUDIENCE = "sceneway-api";
    public static final String CLIENT_ID = "renovation-demo";

    static final RSAKey SIGNING_KEY = generate("sceneway-test-1");
    /** Same key id, other key material: what a forger holding no private key of ours would send. */
    static final RSAKey FOREIGN_KEY = generate("sceneway-test-1");

    private TestTokens() {
    }

    /** A token valid in every respect, carrying {@code scope}. */
    public static String withScope(String scope) {
        return token().scope(scope).sign();
    }

    /** A builder starting from a valid token with scope {@code products}. */
    public static Builder token() {
        return new Builder();
    }

    /** The JWKS the auth-server would publish: public key only, no {@code alg} pin, so the decoder must pin it. */
    static JWKSet publicJwks() {
        return new JWKSet(SIGNING_KEY.toPublicJWK());
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One token; every setter makes it wrong in one way. */
    public static final class Builder {

        private final Instant now = Instant.now();
        private String issuer = ISSUER;
        private List<String> audience = List.of(AUDIENCE);
        private String scope = "products";
        private Instant notBefore = now;
        private Instant expiresAt = now.plus(Duration.ofMinutes(5));
        private JWSAlgorithm algorithm = JWSAlgorithm.PS256;
        private String type = "at+jwt";
        private RSAKey key = SIGNING_KEY;

        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        /** Expired {@code ago} (issued five minutes before expiry). */
        public Builder expiredAgo(Duration ago) {
            this.expiresAt = now.minus(ago);
            this.notBefore = expiresAt.minus(Duration.ofMinutes(5));
            return this;
        }

        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        public Builder algorithm(JWSAlgorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder signedByForeignKey() {
            this.key = FOREIGN_KEY;
            return this;
        }

        public String sign() {
            JWSHeader header = new JWSHeader.Builder(algorithm)
                    .type(new JOSEObjectType(type))
                    .keyID(key.getKeyID())
                    .build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(CLIENT_ID)
                    .audience(audience)
                    .claim("client_id", CLIENT_ID)
                    .claim("scope", scope)
                    .issueTime(Date.from(notBefore))
                    .notBeforeTime(Date.from(notBefore))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
