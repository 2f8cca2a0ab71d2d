package dev.sceneway.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import dev.sceneway.auth.key.SigningKeyRing;
import java.net.URL;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs JWTs with a key of {@link SigningKeyRing} and keeps {@code aud} a JSON array even with one audience, as the
 * contract writes it ({@code "aud":["sceneway-api"]}); Spring's {@code NimbusJwtEncoder} collapses a single audience
 * to a string (which RFC 7519 section 4.1.3 allows, but not every client library expects).
 *
 * <p>Only the {@code alg}, {@code typ} and {@code kid} header parameters are supported; anything else is refused
 * rather than silently dropped.
 */
final class ArrayAudienceJwtEncoder implements JwtEncoder {

    private static final Set<String> SUPPORTED_HEADERS = Set.of("alg", "typ", "kid");

    private final SigningKeyRing keys;

    ArrayAudienceJwtEncoder(SigningKeyRing keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        JwsHeader header = parameters.getJwsHeader();
        if (header == null || header.getAlgorithm() == null) {
            throw new JwtEncodingException("a JWS header with an algorithm is required");
        }
        Set<String> unsupported = new HashSet<>(header.getHeaders().keySet());
        unsupported.removeAll(SUPPORTED_HEADERS);
        if (!unsupported.isEmpty()) {
            throw new JwtEncodingException("unsupported JWS header parameters " + unsupported);
        }
        String keyId = header.getKeyId() != null ? header.getKeyId() : keys.current().activeKeyId();
        JWSSigner signer = keys.signer(keyId);
        if (signer == null) {
            throw new JwtEncodingException("no signing key " + keyId);
        }
        JWSHeader.Builder jws = new JWSHeader.Builder(JWSAlgorithm.parse(header.getAlgorithm().getName())).keyID(keyId);
        if (header.getType() != null) {
            jws.type(new JOSEObjectType(header.getType()));
        }
        JwtClaimsSet claims = parameters.getClaims();
        JWSObject jwt = new JWSObject(jws.build(), new Payload(payload(claims)));
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new JwtEncodingException("signing with key " + keyId + " failed: " + e.getMessage(), e);
        }
        return Jwt.withTokenValue(jwt.serialize())
                .headers(headers -> headers.putAll(jwt.getHeader().toJSONObject()))
                .claims(values -> values.putAll(claims.getClaims()))
                .build();
    }

    /** JSON values of the claims: instants as NumericDate (RFC 7519 section 2), URLs as strings, lists as arrays. */
    private static Map<String, Object> payload(JwtClaimsSet claims) {
        Map<String, Object> json = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> json.put(name, switch (value) {
            case Instant instant -> instant.getEpochSecond();
            case URL url -> url.toExternalForm();
            default -> value;
        }));
        return json;
    }
}
