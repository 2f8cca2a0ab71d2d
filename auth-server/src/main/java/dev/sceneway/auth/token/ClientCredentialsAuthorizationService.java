package dev.sceneway.auth.token;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps client_credentials grants out of the database and hands every other grant to the JDBC implementation.
 *
 * <p>A client_credentials access token is a self-contained JWT that resource servers verify against the JWKS, so
 * issuing one needs no row; a row per token would make the database the bottleneck of every partner call.
 *
 * <p>CAUTION: because nothing is stored, a client_credentials token cannot be introspected (RFC 7662 answers
 * {@code active=false}) or revoked (RFC 7009) before it expires. Its short lifetime
 * ({@code sceneway.auth.access-token-ttl}) bounds the damage of a leaked token; disabling a client stops new
 * tokens but not the ones already issued.
 */
final class ClientCredentialsAuthorizationService implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService delegate;

    ClientCredentialsAuthorizationService(OAuth2AuthorizationService delegate) {
        this.delegate = delegate;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!isClientCredentials(authorization)) {
            delegate.save(authorization);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        if (!isClientCredentials(authorization)) {
            delegate.remove(authorization);
        }
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    private static boolean isClientCredentials(OAuth2Authorization authorization) {
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
    }
}
