package dev.sceneway.gateway.security;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * The public port's token rules for code that runs outside Spring Security's filter chain (the read lane): the same
 * parsing ({@link PresentedTokenConverter}), verification and binding check ({@link BoundTokenAuthenticationManager})
 * and scope rules ({@link ScopeRules}) as {@link ApiSecurity}'s chain, in steps, so that a caller can do every check
 * without side effects first and the DPoP replay check (which records the proof) last.
 */
public final class AccessTokens {

    private final BoundTokenAuthenticationManager manager;

    AccessTokens(BoundTokenAuthenticationManager manager) {
        this.manager = manager;
    }

    /** A well-formed {@code Authorization} header's token, not yet verified. */
    public record Presented(boolean dpop, String token) {
    }

    /**
     * The token of one {@code Authorization} header value, or null when it is malformed or of another scheme: the
     * filter chain answers those requests (RFC 6750 section 2.1, RFC 9449 section 7.1).
     */
    public static @Nullable Presented parse(String authorization) {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        int start = space;
        while (start >= 0 && start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        if (space < 0 || !PresentedTokenConverter.isB64Token(value, start)) {
            return null;
        }
        String scheme = value.substring(0, space);
        if (scheme.equalsIgnoreCase("bearer")) {
            return new Presented(false, value.substring(start));
        }
        if (scheme.equalsIgnoreCase("dpop")) {
            return new Presented(true, value.substring(start));
        }
        return null;
    }

    /** Signature and claims, as the filter chain checks them (verified tokens come from the cache); no side effect. */
    public Mono<Jwt> decode(Presented presented) {
        return manager.decode(presented.token());
    }

    /** Whether the token carries a scope the endpoint needs (the first matching {@link ScopeRules} rule decides). */
    public static boolean scopeAllows(HttpMethod method, PathContainer path, Jwt jwt) {
        Optional<ScopeRules.Rule> rule = ScopeRules.forRequest(method, path);
        if (rule.isEmpty()) {
            return true;
        }
        List<String> granted = scopesOf(jwt);
        return rule.get().scopes().stream().anyMatch(granted::contains);
    }

    /**
     * The binding (DPoP scheme and proof, RFC 9449 section 7.1) and, for a proof, the replay check shared by all
     * replicas, which records the proof: call it last. Fails as the filter chain's authentication would.
     */
    public Mono<Void> checkBinding(Presented presented, Jwt jwt, @Nullable String proof, String method, URI uri) {
        PresentedToken token = new PresentedToken(presented.dpop() ? PresentedToken.Scheme.DPOP
                : PresentedToken.Scheme.BEARER, presented.token(), proof, method, uri);
        return manager.checkBinding(token, jwt);
    }

    /** As Spring Security's {@code JwtGrantedAuthoritiesConverter} reads them: {@code scope}, else {@code scp}. */
    private static List<String> scopesOf(Jwt jwt) {
        for (String claim : List.of("scope", "scp")) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String text && !text.isBlank()) {
                return List.of(text.split(" "));
            }
            if (value instanceof Collection<?> values && !values.isEmpty()) {
                return values.stream().map(String::valueOf).toList();
            }
        }
        return List.of();
    }
}
