package dev.sceneway.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Verifies a DPoP proof sent with a DPoP-bound access token (RFC 9449 sections 4.3 and 7.1): {@code typ=dpop+jwt};
 * {@code alg} PS256 or ES256 (FAPI 2.0) signed by the public key in the header's {@code jwk}; {@code htm} = the
 * request's method; {@code htu} = the request's URL without query and fragment, compared after normalising scheme,
 * host and default port; {@code iat} within the window; {@code ath} = base64url(SHA-256(token)); the key's RFC 7638
 * thumbprint = the token's {@code cnf.jkt}; and a {@code jti} no replica has seen ({@link DpopReplayCache}).
 */
final class DpopProofVerifier {

    /** What FAPI 2.0 allows and the authorization server advertises as {@code dpop_signing_alg_values_supported}. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    static final String ALGORITHMS_AS_TEXT = "PS256 ES256";
    private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

    private final Duration iatWindow;
    private final Clock clock;
    private final DpopReplayCache replays;

    DpopProofVerifier(Duration iatWindow, Clock clock, DpopReplayCache replays) {
        if (!iatWindow.isPositive()) {
            throw new IllegalArgumentException("iatWindow must be > 0, but was " + iatWindow);
        }
        this.iatWindow = iatWindow;
        this.clock = clock;
        this.replays = replays;
    }

    /** Completes when the proof is valid and new; fails with {@link DpopProofException} otherwise. */
    Mono<Void> verify(String proof, String method, URI requestUri, String accessToken, String boundThumbprint) {
        String thumbprint;
        String jti;
        try {
            SignedJWT jwt = parse(proof);
            JWK key = verifiedKey(jwt);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            checkClaims(claims, method, requestUri, accessToken);
            thumbprint = key.computeThumbprint().toString();
            if (!thumbprint.equals(boundThumbprint)) {
                throw DpopProofException.invalidProof("The DPoP proof is signed by a key other than the one the "
                        + "access token is bound to (cnf.jkt).");
            }
            jti = claims.getJWTID();
        } catch (ParseException | JOSEException e) {
            return Mono.error(DpopProofException.invalidProof("The DPoP proof is not a well-formed signed JWT."));
        } catch (DpopProofException e) {
            return Mono.error(e);
        }
        return replays.firstUse(thumbprint, jti, iatWindow.multipliedBy(2))
                .flatMap(first -> first ? Mono.<Void>empty()
                        : Mono.error(DpopProofException.invalidProof("This DPoP proof (jti) was already used: send a "
                                + "new proof with every request.")));
    }

    private static SignedJWT parse(String proof) throws ParseException {
        SignedJWT jwt = SignedJWT.parse(proof);
        if (!DPOP_TYPE.equals(jwt.getHeader().getType())) {
            throw DpopProofException.invalidProof("The DPoP proof's typ header must be dpop+jwt.");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw DpopProofException.invalidProof("The DPoP proof must be signed with " + ALGORITHMS_AS_TEXT + ".");
        }
        return jwt;
    }

    private static JWK verifiedKey(SignedJWT jwt) throws JOSEException {
        JWK key = jwt.getHeader().getJWK();
        if (key == null || key.isPrivate()) {
            throw DpopProofException.invalidProof("The DPoP proof's jwk header must hold the public key.");
        }
        JWSVerifier verifier = switch (key) {
            case RSAKey rsa when jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.PS256) -> new RSASSAVerifier(rsa);
            case ECKey ec when jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.ES256)
                    && Curve.P_256.equals(ec.getCurve()) -> new ECDSAVerifier(ec);
            default -> throw DpopProofException.invalidProof("The DPoP proof's jwk does not fit its alg.");
        };
        if (!jwt.verify(verifier)) {
            throw DpopProofException.invalidProof("The DPoP proof's signature does not verify with its jwk.");
        }
        return key;
    }

    private void checkClaims(JWTClaimsSet claims, String method, URI requestUri, String accessToken)
            throws ParseException {
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw DpopProofException.invalidProof("The DPoP proof has no jti.");
        }
        if (!method.equals(claims.getStringClaim("htm"))) {
            throw DpopProofException.invalidProof("The DPoP proof's htm is not this request's method (" + method
                    + ").");
        }
        String htu = claims.getStringClaim("htu");
        if (htu == null || !normalised(requestUri).equals(normalisedOrNull(htu))) {
            throw DpopProofException.invalidProof("The DPoP proof's htu is not this request's URL (without query "
                    + "and fragment).");
        }
        Date issuedAt = claims.getIssueTime();
        Instant now = clock.instant();
        if (issuedAt == null || issuedAt.toInstant().isBefore(now.minus(iatWindow))
                || issuedAt.toInstant().isAfter(now.plus(iatWindow))) {
            throw DpopProofException.invalidProof("The DPoP proof's iat is missing or more than "
                    + iatWindow.toSeconds() + " s away from the gateway's clock: create a fresh proof per request.");
        }
        if (!accessTokenHash(accessToken).equals(claims.getStringClaim("ath"))) {
            throw DpopProofException.invalidProof("The DPoP proof's ath is not the hash of this access token.");
        }
    }

    static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** RFC 9449 section 4.3 item 9: scheme and host case-insensitive, default ports dropped, no query or fragment. */
    static String normalised(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    private static @Nullable String normalisedOrNull(String htu) {
        try {
            URI uri = new URI(htu);
            return uri.isAbsolute() && uri.getHost() != null ? normalised(uri) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
