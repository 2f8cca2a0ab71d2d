package dev.sceneway.auth.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.sceneway.auth.AuthProperties;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies access tokens that this server issued, for its own resource-server endpoints (the admin API, the partner
 * consents API): PS256 {@code at+jwt} tokens checked against the local signing keys (no HTTP call), with this issuer
 * and audience (RFC 9068 section 4). One definition, so the endpoints cannot drift apart.
 */
public final class OwnAccessTokens {

    private OwnAccessTokens() {
    }

    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.PS256)
                .jwtProcessorCustomizer(processor -> processor.setJWSTypeVerifier((type, context) -> {
                    // The type is checked by the at+jwt validator below; Nimbus's default would refuse at+jwt.
                }))
                .build();
        // RFC 9068 section 4: typ at+jwt, iss, exp, aud, and the claims every access token has.
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .build());
        return decoder;
    }
}
