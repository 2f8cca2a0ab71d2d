package dev.sceneway.gateway.security;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import reactor.core.publisher.Mono;

/**
 * Authenticates a {@link PresentedToken}: the JWT is verified by the (caching) decoder, then its binding is checked
 * on every request. A token with {@code cnf.jkt} must come as {@code Authorization: DPoP} with a valid proof of that
 * key (RFC 9449 section 7.1); a DPoP-bound token sent as {@code Bearer} is refused (section 7.2) since whoever holds
 * it without the key could otherwise use it. With {@code requireDpop}, unbound tokens are refused too (FAPI 2.0
 * section 5.3.2.2: sender-constrained tokens only).
 */
final class BoundTokenAuthenticationManager implements ReactiveAuthenticationManager {

    private final ReactiveJwtDecoder decoder;
    private final DpopProofVerifier proofs;
    private final boolean requireDpop;
    private final Converter<Jwt, AbstractAuthenticationToken> authorities = new JwtAuthenticationConverter();

    BoundTokenAuthenticationManager(ReactiveJwtDecoder decoder, DpopProofVerifier proofs, boolean requireDpop) {
        this.decoder = decoder;
        this.proofs = proofs;
        this.requireDpop = requireDpop;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        PresentedToken presented = (PresentedToken) authentication;
        return decoder.decode(presented.token())
                .onErrorMap(JwtException.class, ex -> new InvalidBearerTokenException(ex.getMessage(), ex))
                .flatMap(jwt -> checkBinding(presented, jwt).then(Mono.fromSupplier(() -> authorities.convert(jwt))));
    }

    /** The verified (possibly cached) token; no binding checked yet. */
    Mono<Jwt> decode(String token) {
        return decoder.decode(token);
    }

    /** The token's binding, on every request: DPoP scheme, proof and replay check as the class comment says. */
    Mono<Void> checkBinding(PresentedToken presented, Jwt jwt) {
        String boundKey = boundThumbprint(jwt);
        if (presented.scheme() == PresentedToken.Scheme.BEARER) {
            if (boundKey != null) {
                return Mono.error(DpopProofException.invalidToken("This access token is DPoP-bound: send it as "
                        + "'Authorization: DPoP <token>' with a DPoP proof of its key."));
            }
            if (requireDpop) {
                return Mono.error(DpopProofException.invalidToken("This API needs a DPoP-bound access token (RFC "
                        + "9449): request the token with a DPoP proof."));
            }
            return Mono.empty();
        }
        if (boundKey == null) {
            return Mono.error(DpopProofException.invalidToken("This access token is not DPoP-bound: it cannot be "
                    + "used with the DPoP scheme."));
        }
        String proof = presented.proof();
        if (proof == null) {
            return Mono.error(DpopProofException.invalidProof("A DPoP-bound token needs a DPoP proof header."));
        }
        return proofs.verify(proof, presented.method(), presented.uri(), presented.token(), boundKey);
    }

    private static @Nullable String boundThumbprint(Jwt jwt) {
        Map<String, Object> confirmation = jwt.getClaimAsMap("cnf");
        return confirmation != null && confirmation.get("jkt") instanceof String jkt && !jkt.isBlank() ? jkt : null;
    }
}
