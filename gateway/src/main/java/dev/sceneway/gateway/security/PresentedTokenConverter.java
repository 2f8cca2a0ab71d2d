package dev.sceneway.gateway.security;

import java.util.List;
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
        String value = authorization.getFirst().strip();
        int space = value.indexOf(' ');
        int start = space;
        while (start >= 0 && start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        if (space < 0 || !isB64Token(value, start)) {
            return Mono.error(new InvalidBearerTokenException("The Authorization header is malformed."));
        }
        AccessTokens.Presented presented = AccessTokens.parse(value);
        if (presented == null) {
            return Mono.error(new InvalidBearerTokenException("Use the Bearer or DPoP authorization scheme."));
        }
        List<String> proofs = request.getHeaders().getOrEmpty(DPOP_HEADER);
        if (proofs.size() > 1) {
            return Mono.error(DpopProofException.invalidProof("Send exactly one DPoP header."));
        }
        return Mono.just(new PresentedToken(presented.dpop() ? PresentedToken.Scheme.DPOP
                : PresentedToken.Scheme.BEARER, presented.token(), proofs.isEmpty() ? null : proofs.getFirst(),
                request.getMethod().name(), request.getURI()));
    }

    /**
     * Whether {@code value} from {@code start} on is an RFC 6750 section 2.1 b64token ({@code [A-Za-z0-9-._~+/]+=*}),
     * JWTs and opaque tokens alike; a loop, not a regular expression, as it runs over a kilobyte on every call.
     */
    static boolean isB64Token(String value, int start) {
        int i = start;
        while (i < value.length() && isTokenCharacter(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < value.length() && value.charAt(i) == '=') {
            i++;
        }
        return i == value.length();
    }

    private static boolean isTokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
