package dev.sceneway.gateway.security;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An access token as the request presented it, not yet verified: the {@code Authorization} scheme it came with,
 * the {@code DPoP} proof if any, and the method and URL the proof must name.
 */
final class PresentedToken extends AbstractAuthenticationToken {

    enum Scheme { BEARER, DPOP }

    private final Scheme scheme;
    private final String token;
    private final @Nullable String proof;
    private final String method;
    private final URI uri;

    PresentedToken(Scheme scheme, String token, @Nullable String proof, String method, URI uri) {
        super(List.of());
        this.scheme = scheme;
        this.token = token;
        this.proof = proof;
        this.method = method;
        this.uri = uri;
    }

    Scheme scheme() {
        return scheme;
    }

    String token() {
        return token;
    }

    @Nullable String proof() {
        return proof;
    }

    String method() {
        return method;
    }

    URI uri() {
        return uri;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return token;
    }
}
