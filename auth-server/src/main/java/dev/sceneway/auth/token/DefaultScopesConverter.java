package dev.sceneway.auth.token;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client_credentials request without {@code scope} gets all the client's registered scopes: the "pre-defined
 * default value" RFC 6749 section 3.3 allows. Without it, such a request would yield a token with no scope that every
 * Sceneway API refuses.
 */
public final class DefaultScopesConverter implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    private DefaultScopesConverter(AuthenticationConverter delegate) {
        this.delegate = delegate;
    }

    /** Wraps Spring's client_credentials converter in the token endpoint's list. */
    public static void install(List<AuthenticationConverter> converters) {
        converters.replaceAll(converter -> converter instanceof OAuth2ClientCredentialsAuthenticationConverter
                ? new DefaultScopesConverter(converter) : converter);
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
                && grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() instanceof RegisteredClient registered) {
            return new OAuth2ClientCredentialsAuthenticationToken(client, registered.getScopes(),
                    grant.getAdditionalParameters());
        }
        return converted;
    }
}
