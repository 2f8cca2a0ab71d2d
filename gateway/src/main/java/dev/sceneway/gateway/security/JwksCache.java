package dev.sceneway.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The auth-server's signing keys, fetched from its JWKS and kept. A token whose {@code kid} is unknown triggers a
 * fetch (the auth-server may have rotated its key), but at most one per {@code minRefreshInterval}: a flood of tokens
 * with random {@code kid}s costs the auth-server one request per interval, not one per token. Concurrent misses share
 * the fetch in flight. A set older than {@code maxAge} is fetched again; if that fails, the old set keeps serving.
 */
final class JwksCache {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    private final Supplier<Mono<JWKSet>> fetch;
    private final Duration minRefreshInterval;
    private final Duration maxAge;
    private final Clock clock;
    private volatile @Nullable Snapshot snapshot;
    private @Nullable Instant lastAttempt;
    private @Nullable Mono<JWKSet> inFlight;

    JwksCache(Supplier<Mono<JWKSet>> fetch, Duration minRefreshInterval, Duration maxAge, Clock clock) {
        if (!minRefreshInterval.isPositive() || !maxAge.isPositive()) {
            throw new IllegalArgumentException("minRefreshInterval and maxAge must be > 0, but were "
                    + minRefreshInterval + " and " + maxAge);
        }
        this.fetch = fetch;
        this.minRefreshInterval = minRefreshInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The published keys with this {@code kid} (all keys when the token names none); empty when none matches. */
    Mono<List<JWK>> keys(@Nullable String kid) {
        Snapshot current = snapshot;
        if (current != null) {
            List<JWK> matching = matching(current.keys(), kid);
            boolean fresh = current.fetchedAt().plus(maxAge).isAfter(clock.instant());
            if (!matching.isEmpty() && fresh) {
                return Mono.just(matching);
            }
        }
        Mono<JWKSet> refreshed = refreshIfAllowed();
        if (refreshed == null) {
            if (current == null) {
                return Mono.error(new IllegalStateException("the JWKS could not be fetched and the last attempt was"
                        + " less than " + minRefreshInterval + " ago"));
            }
            return Mono.just(matching(current.keys(), kid));
        }
        return refreshed
                .onErrorResume(ex -> current != null, ex -> {
                    log.warn("JWKS refresh failed, keeping the keys fetched at {}: {}", current.fetchedAt(),
                            ex.toString());
                    return Mono.just(current.keys());
                })
                .map(keys -> matching(keys, kid));
    }

    /** The fetch in flight, a new one when the interval allows, or null when neither. */
    private synchronized @Nullable Mono<JWKSet> refreshIfAllowed() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && lastAttempt.plus(minRefreshInterval).isAfter(now)) {
            return null;
        }
        lastAttempt = now;
        Mono<JWKSet> started = Mono.defer(fetch)
                .doOnNext(keys -> snapshot = new Snapshot(keys, clock.instant()))
                .doFinally(signal -> clearInFlight())
                .cache();
        inFlight = started;
        return started;
    }

    private synchronized void clearInFlight() {
        inFlight = null;
    }

    private static List<JWK> matching(JWKSet keys, @Nullable String kid) {
        if (kid == null) {
            return keys.getKeys();
        }
        JWK key = keys.getKeyByKeyId(kid);
        return key == null ? List.of() : List.of(key);
    }
}
