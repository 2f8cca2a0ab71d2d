package dev.sceneway.gateway.security;

import com.nimbusds.jose.jwk.JWKSet;
import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Verifies access tokens as RFC 9068 JWTs: PS256 only (FAPI 2.0 forbids RS256), keys from the auth-server's
 * JWKS ({@link JwksCache}), {@code typ=at+jwt}, issuer, audience, a non-blank {@code client_id}, and exp/nbf with
 * 30 s of skew; verified tokens are kept until they expire ({@link VerifiedTokenCache}). Their DPoP binding is
 * checked on every request by {@link BoundTokenAuthenticationManager}.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoding {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final String CLIENT_ID = "client_id";

    private static final Logger log = LoggerFactory.getLogger(AccessTokenDecoding.class);

    @Bean
    ReactiveJwtDecoder accessTokenDecoder(TokenProperties properties, TokenPolicyProperties policy) {
        return accessTokenDecoder(properties, policy, Clock.systemUTC());
    }

    /** Verification (signature once per token when the cache is on, claims) and the 503 for unreachable keys. */
    static ReactiveJwtDecoder accessTokenDecoder(TokenProperties properties, TokenPolicyProperties policy,
            Clock clock) {
        JwksCache keys = new JwksCache(jwksFetch(properties.jwkSetUri()), policy.jwksMinRefreshInterval(),
                policy.jwksMaxAge(), clock);
        ReactiveJwtDecoder verifying = keysUnreachableAsUnavailable(nimbusDecoder(properties, keys));
        return policy.verifiedTokenCache()
                ? new VerifiedTokenCache(verifying, policy.verifiedTokenCacheSize(), clock)
                : verifying;
    }

    @Bean
    DpopReplayCache dpopReplayCache(ReactiveStringRedisTemplate redis, MeterRegistry meters) {
        return new DpopReplayCache(redis, meters);
    }

    @Bean
    BoundTokenAuthenticationManager accessTokenAuthenticationManager(ReactiveJwtDecoder accessTokenDecoder,
            DpopReplayCache replays, TokenPolicyProperties policy) {
        DpopProofVerifier proofs = new DpopProofVerifier(policy.dpopIatWindow(), Clock.systemUTC(), replays);
        return new BoundTokenAuthenticationManager(accessTokenDecoder, proofs, policy.requireDpop());
    }

    @Bean
    AccessTokens accessTokens(BoundTokenAuthenticationManager accessTokenAuthenticationManager) {
        return new AccessTokens(accessTokenAuthenticationManager);
    }

    static NimbusReactiveJwtDecoder nimbusDecoder(TokenProperties properties, JwksCache keys) {
        // The JWKS is fetched lazily on the first token, so the gateway starts before the auth-server is up.
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> keys.keys(jwt.getHeader().getKeyID()).flatMapIterable(found -> found))
                .jwsAlgorithm(SignatureAlgorithm.PS256)
                // typ is checked by JwtTypeValidator below; Nimbus' own check would accept only "JWT".
                .validateType(false)
                .build();
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    static Supplier<Mono<JWKSet>> jwksFetch(URI jwkSetUri) {
        WebClient client = jwksClient();
        return () -> client.get().uri(jwkSetUri).retrieve().bodyToMono(String.class).map(body -> {
            try {
                return JWKSet.parse(body);
            } catch (ParseException e) {
                throw new IllegalStateException("the JWKS at " + jwkSetUri + " is not a JWK set", e);
            }
        });
    }

    /**
     * A token that fails verification is the partner's problem (401, a {@link JwtException}); the auth-server's
     * keys being unreachable is not, and must not read as "bank unreachable" either: 503 with its own detail.
     */
    static ReactiveJwtDecoder keysUnreachableAsUnavailable(ReactiveJwtDecoder decoder) {
        return token -> decoder.decode(token).onErrorMap(ex -> !(ex instanceof JwtException), ex -> {
            log.warn("Cannot verify access tokens: {}", ex.toString());
            return new ProblemException(GatewayProblem.UPSTREAM_UNAVAILABLE,
                    "The gateway cannot verify access tokens right now because the authorization server's keys "
                            + "are unreachable. Try again shortly.",
                    ex);
        });
    }

    static OAuth2TokenValidator<Jwt> validator(TokenProperties properties) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setAllowEmptyExpiryClaim(false);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTypeValidator("at+jwt", "application/at+jwt"),
                timestamps,
                new JwtIssuerValidator(properties.issuer().toString()),
                new JwtAudienceValidator(properties.audience()),
                // The rate limiter keys on client_id (RFC 9068 §2.2), so a token without it is refused here.
                new JwtClaimValidator<Object>(CLIENT_ID, value -> value instanceof String s && !s.isBlank())));
    }

    /** A JWKS fetch must not hold a request for long when the auth-server is slow or down. */
    private static WebClient jwksClient() {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1_000)
                .responseTimeout(Duration.ofSeconds(2));
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
