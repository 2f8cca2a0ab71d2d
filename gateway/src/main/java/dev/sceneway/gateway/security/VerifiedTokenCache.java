package dev.sceneway.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Keeps tokens that passed verification until they expire, so that a partner sending the same token again costs a
 * map lookup instead of an RSA verification. Keyed by the token itself: the cached {@link Jwt} holds it anyway
 * ({@link Jwt#getTokenValue()}), so keying by its SHA-256, as at first, kept nothing out of memory and cost
 * a SHA-256 per call. Bounded in size. Only successes are cached: a bad token is verified, and refused, every time.
 *
 * <p>CAUTION: a cached token stays accepted until its {@code exp} even if its key is withdrawn from the JWKS earlier;
 * the same holds without the cache for any JWT. Access tokens live minutes.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(ReactiveJwtDecoder delegate, int maximumSize, Clock clock) {
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("maximumSize must be > 0, but was " + maximumSize);
        }
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((String key, Jwt jwt) -> remainingLifetime(jwt)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt cached = verified.getIfPresent(token);
        if (cached != null && remainingLifetime(cached).isPositive()) {
            return Mono.just(cached);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Duration remainingLifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
    }
}
