package dev.sceneway.gateway.support;

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
 * Real signed access tokens shaped like the auth-server's (RFC 9068, PS256), e.g.
 * {@code TestTokens.partner("renovation-demo").scopes("products").sign()}. The verifying key is served by
 * {@link TestUpstreams#authServer()} as the JWKS.
 */
public final class TestTokens {

    public static final String ISSUER = "http://auth.sceneway.test";
    public static final String AUDIENCE = "sceneway-api";
    private static final String KID = "test-signing-key";
    private static final RSAKey TRUSTED = generate();
    /** Same kid as the trusted key, different key material: what a forger would sign with. */
    private static final RSAKey FOREIGN = generate();

    private TestTokens() {
    }

    public static Builder partner(String clientId) {
        return new Builder(clientId);
    }

    /** A partner id no other test uses, so rate-limit buckets never interfere. */
    public static String uniquePartner(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String jwksJson() {
        return new JWKSet(TRUSTED.toPublicJWK()).toString();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(KID).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Builds one token; every setter changes one thing from a token the gateway accepts. */
    public static final class Builder {

        private final String clientId;
        private List<String> scopes = List.of();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
        private JWSAlgorithm algorithm = JWSAlgorithm.PS256;
        private RSAKey signingKey = TRUSTED;
        private String type = "at+jwt";
        private boolean withClientId = true;

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Expired longer ago than the 30 s clock skew the gateway tolerates. */
        public Builder expired() {
            this.expiresAt = Instant.now().minus(Duration.ofMinutes(2));
            return this;
        }

        public Builder algorithm(JWSAlgorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** The JOSE {@code typ}; RFC 9068 access tokens say {@code at+jwt}. */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder withoutClientId() {
            this.withClientId = false;
            return this;
        }

        public Builder signedByForeignKey() {
            this.signingKey = FOREIGN;
            return this;
        }

        public String sign() {
            Instant issuedAt = expiresAt.minus(Duration.ofMinutes(5));
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(clientId)
                    .audience(audience)
                    .claim("client_id", withClientId ? clientId : null)
                    .claim("scope", String.join(" ", scopes))
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            JWSHeader header = new JWSHeader.Builder(algorithm)
                    .type(new JOSEObjectType(type))
                    .keyID(signingKey.getKeyID())
                    .build();
            try {
                SignedJWT jwt = new SignedJWT(header, claims);
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
