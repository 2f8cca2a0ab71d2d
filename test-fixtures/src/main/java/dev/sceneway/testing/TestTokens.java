package dev.sceneway.testing;

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
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Real signed access tokens shaped like the auth-server's (RFC 9068: PS256, {@code typ=at+jwt}), with one knob
 * per way a token can be wrong, e.g. {@code TestTokens.token(issuer, "renovation-demo").scope("products").sign()}.
 * The public half of the signing key is {@link #publicJwks()}; each suite serves it as its JWKS endpoint.
 */
public final class TestTokens {

    /** The audience every Sceneway resource server requires. */
    public static final String AUDIENCE = "sceneway-api";
    private static final String KEY_ID = "sceneway-test-signing-key";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final RSAKey TRUSTED = generate();
    /** Same kid as the trusted key, other key material: what a forger holding no private key of ours would send. */
    private static final RSAKey FOREIGN = generate();

    private TestTokens() {
    }

    /** A builder starting from a token valid in every respect for {@code issuer}, sent by {@code clientId}, no scope. */
    public static Builder token(String issuer, String clientId) {
        return new Builder(issuer, clientId);
    }

    /** The JWKS the auth-server would publish: public key only, no {@code alg} pin, so the decoder must pin it. */
    public static JWKSet publicJwks() {
        return new JWKSet(TRUSTED.toPublicJWK());
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** One token; every setter makes it wrong in one way (or sets what a test needs to see). */
    public static final class Builder {

        private final Instant now = Instant.now();
        private final String clientId;
        private String issuer;
        private List<String> audience = List.of(AUDIENCE);
        private String scope = "";
        private boolean withClientId = true;
        private Instant notBefore = now;
        private @Nullable Instant issuedAt;
        private Instant expiresAt = now.plus(LIFETIME);
        private JWSAlgorithm algorithm = JWSAlgorithm.PS256;
        private String type = "at+jwt";
        private RSAKey signingKey = TRUSTED;
        private @Nullable String confirmationThumbprint;
        private @Nullable String subject;
        private final Map<String, Object> extraClaims = new java.util.LinkedHashMap<>();

        private Builder(String issuer, String clientId) {
            this.issuer = Objects.requireNonNull(issuer, "issuer must not be null");
            this.clientId = Objects.requireNonNull(clientId, "clientId must not be null");
        }

        /** The {@code scope} claim as it is sent: space-separated scope values. */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public Builder scopes(String... scopes) {
            return scope(String.join(" ", scopes));
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        /** Leaves out {@code client_id} (RFC 9068 §2.2 requires it); {@code sub} stays. */
        public Builder withoutClientId() {
            this.withClientId = false;
            return this;
        }

        /** Expired two minutes ago: longer than the 30 s clock skew the verifiers tolerate. */
        public Builder expired() {
            return expiredAgo(Duration.ofMinutes(2));
        }

        /** Expired {@code ago}, issued (and valid from) five minutes before expiry. */
        public Builder expiredAgo(Duration ago) {
            this.expiresAt = now.minus(ago);
            this.notBefore = expiresAt.minus(LIFETIME);
            return this;
        }

        /** The {@code nbf}; {@code iat} follows it unless {@link #issuedAt(Instant)} says otherwise. */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
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

        /** Binds the token to a DPoP key (RFC 9449 section 6.1): {@code cnf.jkt} = the key's thumbprint. */
        public Builder boundToDpopKey(String jwkThumbprint) {
            this.confirmationThumbprint = jwkThumbprint;
            return this;
        }

        /** Signs with {@code key} (its kid in the header), e.g. a key the JWKS publishes only after a rotation. */
        public Builder signedBy(RSAKey key) {
            this.signingKey = key;
            return this;
        }

        /** The {@code sub}: the customer of a customer-level token (default: the client id, as client_credentials). */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * One more claim, e.g. {@code consent_id} and {@code consent} of a token bound to a consent; a value of
         * {@code Map}s, {@code List}s and strings becomes JSON as is. It may not replace a claim set by another knob.
         */
        public Builder claim(String name, Object value) {
            this.extraClaims.put(Objects.requireNonNull(name, "name must not be null"),
                    Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        public Builder signedByForeignKey() {
            this.signingKey = FOREIGN;
            return this;
        }

        public String sign() {
            JWSHeader header = new JWSHeader.Builder(algorithm)
                    .type(new JOSEObjectType(type))
                    .keyID(signingKey.getKeyID())
                    .build();
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(subject != null ? subject : clientId)
                    .audience(audience)
                    .claim("client_id", withClientId ? clientId : null)
                    .claim("scope", scope)
                    .issueTime(Date.from(issuedAt != null ? issuedAt : notBefore))
                    .notBeforeTime(Date.from(notBefore))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("cnf", confirmationThumbprint == null ? null : Map.of("jkt", confirmationThumbprint));
            JWTClaimsSet standard = builder.build();
            extraClaims.forEach((name, value) -> {
                if (standard.getClaim(name) != null) {
                    throw new IllegalArgumentException("claim '" + name + "' is set by its own knob");
                }
                builder.claim(name, value);
            });
            JWTClaimsSet claims = builder.build();
            SignedJWT jwt = new SignedJWT(header, claims);
            try {
                jwt.sign(new RSASSASigner(signingKey));
            } catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
            return jwt.serialize();
        }
    }
}
