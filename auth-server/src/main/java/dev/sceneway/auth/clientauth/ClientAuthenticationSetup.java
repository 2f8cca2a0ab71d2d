package dev.sceneway.auth.clientauth;

import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.client.ClientProperties;
import dev.sceneway.auth.client.PublicUrlGuard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.X509ClientCertificateAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.X509ClientCertificateAuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Which client authentication methods the authorization server accepts, and what its metadata says about them
 * (exactly the same list):
 * <ul>
 * <li>{@code private_key_jwt}, always, through {@link ClientAssertionDecoderFactory};</li>
 * <li>{@code client_secret_basic} and {@code client_secret_post} only when {@code sceneway.auth.clients.sandbox}
 * is true; otherwise their converters and provider are removed, so a secret is never even looked at;</li>
 * <li>mTLS ({@code tls_client_auth}, {@code self_signed_tls_client_auth}): off and not advertised. TLS ends at the
 * ingress, so the server never sees a client certificate; Spring's X.509 converter and provider are removed.</li>
 * </ul>
 */
@Component
public class ClientAuthenticationSetup {

    /** Signing algorithms accepted for client assertions (FAPI 2.0 Security Profile section 5.4). */
    public static final List<String> ASSERTION_ALGORITHMS = List.of("PS256", "ES256");

    private final boolean sandbox;
    private final ClientAssertionDecoderFactory decoders;

    ClientAuthenticationSetup(AuthProperties auth, ClientProperties clients, StringRedisTemplate redis,
            PublicUrlGuard urls) {
        this.sandbox = clients.sandbox();
        this.decoders = new ClientAssertionDecoderFactory(auth.issuer(), clients, new AssertionReplayCache(redis),
                urls, Clock.systemUTC());
    }

    /** For {@code oauth2AuthorizationServer(server -> server.clientAuthentication(setup::configure))}. */
    public void configure(OAuth2ClientAuthenticationConfigurer clientAuthentication) {
        clientAuthentication
                .authenticationConverters(converters -> converters.removeIf(converter ->
                        converter instanceof X509ClientCertificateAuthenticationConverter
                                || (!sandbox && (converter instanceof ClientSecretBasicAuthenticationConverter
                                        || converter instanceof ClientSecretPostAuthenticationConverter))))
                .authenticationProviders(providers -> {
                    providers.removeIf(provider -> provider instanceof X509ClientCertificateAuthenticationProvider
                            || (!sandbox && provider instanceof ClientSecretAuthenticationProvider));
                    providers.forEach(provider -> {
                        if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                            assertions.setJwtDecoderFactory(decoders);
                        }
                    });
                });
    }

    /** The client authentication members of the authorization server metadata (RFC 8414 section 2). */
    public void advertise(OAuth2AuthorizationServerMetadata.Builder metadata) {
        List<String> methods = methods();
        metadata.tokenEndpointAuthenticationMethods(replaceWith(methods))
                .tokenIntrospectionEndpointAuthenticationMethods(replaceWith(methods))
                .tokenRevocationEndpointAuthenticationMethods(replaceWith(methods))
                .claim("token_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS)
                .claim("introspection_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS)
                .claim("revocation_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
    }

    List<String> methods() {
        List<String> methods = new ArrayList<>(List.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue()));
        if (sandbox) {
            methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
            methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
        }
        return List.copyOf(methods);
    }

    private static java.util.function.Consumer<List<String>> replaceWith(List<String> values) {
        return list -> {
            list.clear();
            list.addAll(values);
        };
    }
}
