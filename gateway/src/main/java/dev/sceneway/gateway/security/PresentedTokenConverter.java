package dev.sceneway.gateway.security;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750) or {@code Authorization: DPoP <token>} with its
 * {@code DPoP} proof header (RFC 9449 section 7.1). No {@code Authorization} header: no authentication attempt, so a
 * protected path answers {@code token-missing}.
 */
final class PresentedTokenConverter implements ServerAuthenticationConverter {

    static final String DPOP_HEADER = "DPoP";
    /** RFC 6750 section 2.1 b64token; JWTs and opaque tokens alike. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> authorization = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Mono.empty();
        }
        if (authorization.size() > 1) {
            return Mono.error(new InvalidBearerTokenException("Send exactly one Authorization header."));
        }
        String[] parts = authorization.getFirst().strip().split(" +", 2);
        if (parts.length != 2 || !TOKEN.matcher(parts[1]).matches()) {
            return Mono.error(new InvalidBearerTokenException("The Authorization header is malformed."));
        }
        PresentedToken.Scheme scheme = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "bearer" -> PresentedToken.Scheme.BEARER;
            case "dpop" -> PresentedToken.Scheme.DPOP;
            default -> null;
        };
        if (scheme == null) {
            return Mono.error(new InvalidBearerTokenException("Use the Bearer or DPoP authorization scheme."));
        }
        List<String> proofs = request.getHeaders().getOrEmpty(DPOP_HEADER);
        if (proofs.size() > 1) {
            return Mono.error(DpopProofException.invalidProof("Send exactly one DPoP header."));
        }
        return Mono.just(new PresentedToken(scheme, parts[1], proofs.isEmpty() ? null : proofs.getFirst(),
                request.getMethod().name(), request.getURI()));
    }
}
