package dev.sceneway.auth.client.registration;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.client.ClientMetadataException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a software statement (RFC 7591 section 2.3): a JWS signed by one of the platform's keys with PS256 or ES256
 * (an unsigned statement is refused), issued by the platform, with {@code exp} not past, {@code iat} not in the
 * future and a {@code software_id}. Returns its claims, which {@link DynamicRegistrationController} merges into the
 * request.
 */
final class SoftwareStatementVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final @Nullable JWKSet platformKeys;
    private final String issuer;
    private final Duration clockSkew;
    private final Clock clock;

    SoftwareStatementVerifier(@Nullable JWKSet platformKeys, String issuer, Duration clockSkew, Clock clock) {
        this.platformKeys = platformKeys;
        this.issuer = issuer;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    Map<String, Object> verify(String statement) {
        if (platformKeys == null) {
            throw unapproved("this server accepts no software statements (no platform key is configured)");
        }
        SignedJWT jwt;
        try {
            if (!(JWTParser.parse(statement) instanceof SignedJWT signed)) {
                throw invalid("the software statement must be a signed JWT");
            }
            jwt = signed;
        } catch (ParseException e) {
            throw invalid("the software statement is not a JWT");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw invalid("the software statement must be signed with PS256 or ES256");
        }
        if (!signedByPlatform(jwt)) {
            throw invalid("the software statement's signature does not verify with the platform's keys");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the software statement's claims are not a JSON object");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw unapproved("the software statement was not issued by the platform");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().isBefore(now.minus(clockSkew))) {
            throw invalid("the software statement has expired (or has no exp)");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now.plus(clockSkew))) {
            throw invalid("the software statement's iat is in the future");
        }
        if (!(claims.getClaim("software_id") instanceof String softwareId) || softwareId.isBlank()) {
            throw invalid("the software statement has no software_id");
        }
        return claims.getClaims();
    }

    private boolean signedByPlatform(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates = platformKeys == null ? List.of() : platformKeys.getKeys().stream()
                .filter(key -> kid == null || kid.equals(key.getKeyID())).toList();
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = switch (key) {
                    case RSAKey rsa when jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.PS256) ->
                            new RSASSAVerifier(rsa);
                    case ECKey ec when jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.ES256) ->
                            new ECDSAVerifier(ec);
                    default -> null;
                };
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key that cannot verify this statement; try the next one
            }
        }
        return false;
    }

    private static ClientMetadataException invalid(String description) {
        return new ClientMetadataException(ClientMetadataException.INVALID_SOFTWARE_STATEMENT, description);
    }

    private static ClientMetadataException unapproved(String description) {
        return new ClientMetadataException(ClientMetadataException.UNAPPROVED_SOFTWARE_STATEMENT, description);
    }
}
