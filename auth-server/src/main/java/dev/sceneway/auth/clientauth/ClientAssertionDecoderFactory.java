package dev.sceneway.auth.clientauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.sceneway.auth.client.ClientKeys;
import dev.sceneway.auth.client.ClientProperties;
import dev.sceneway.auth.client.PartnerSettings;
import dev.sceneway.auth.client.PublicUrlGuard;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Decoders for {@code private_key_jwt} client assertions, replacing Spring's {@code JwtClientAssertionDecoderFactory}:
 * keys by value ({@code jwks}, kept in {@code partner_client}) or by {@code jwks_uri} (fetched through
 * {@link GuardedResourceRetriever}, cached, refetched on an unknown {@code kid}); PS256 and ES256 only (FAPI 2.0
 * Security Profile section 5.4); claims checked by {@link ClientAssertionValidator}. {@code client_secret_jwt} is
 * not supported: a shared secret is not allowed by FAPI 2.0.
 *
 * <p>Decoders are cached per client and rebuilt when its keys change.
 */
final class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

    private record Cached(String keys, JwtDecoder decoder) {
    }

    private final String issuer;
    private final ClientProperties properties;
    private final AssertionReplayCache replays;
    private final PublicUrlGuard urls;
    private final Clock clock;
    private final Map<String, Cached> decoders = new ConcurrentHashMap<>();
    private final Map<String, JWKSource<SecurityContext>> remoteKeys = new ConcurrentHashMap<>();

    ClientAssertionDecoderFactory(String issuer, ClientProperties properties, AssertionReplayCache replays,
            PublicUrlGuard urls, Clock clock) {
        this.issuer = issuer;
        this.properties = properties;
        this.replays = replays;
        this.urls = urls;
        this.clock = clock;
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        if (!client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
            throw invalidClient("the client is not registered for private_key_jwt");
        }
        String jwks = PartnerSettings.jwks(client);
        String jwksUri = client.getClientSettings().getJwkSetUrl();
        String keys = jwks != null ? "jwks:" + jwks : jwksUri != null ? "jwks_uri:" + jwksUri : null;
        if (keys == null) {
            throw invalidClient("the client has no registered keys");
        }
        Cached cached = decoders.get(client.getClientId());
        if (cached == null || !cached.keys().equals(keys)) {
            cached = new Cached(keys, build(client, jwks, jwksUri));
            decoders.put(client.getClientId(), cached);
        }
        return cached.decoder();
    }

    private JwtDecoder build(RegisteredClient client, @Nullable String jwks, @Nullable String jwksUri) {
        JWKSource<SecurityContext> source = jwks != null ? byValue(jwks) : remote(Objects.requireNonNull(jwksUri));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source)
                .jwsAlgorithms(algorithms -> {
                    algorithms.clear();
                    algorithms.add(SignatureAlgorithm.PS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        decoder.setJwtValidator(new ClientAssertionValidator(client.getClientId(), issuer,
                properties.assertionMaxLifetime(), properties.assertionClockSkew(), replays, clock));
        return decoder;
    }

    private static JWKSource<SecurityContext> byValue(String jwks) {
        JWKSet keys = ClientKeys.parsePublicJwks(jwks)
                .orElseThrow(() -> invalidClient("the client's registered jwks is not usable"));
        return new ImmutableJWKSet<>(keys);
    }

    private JWKSource<SecurityContext> remote(String jwksUri) {
        return remoteKeys.computeIfAbsent(jwksUri, uri -> {
            try {
                return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL(),
                        new GuardedResourceRetriever(urls)).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw invalidClient("the client's jwks_uri is not a URL");
            }
        });
    }

    private static OAuth2AuthenticationException invalidClient(String description) {
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}
