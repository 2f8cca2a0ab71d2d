package dev.sceneway.auth.clientauth;

import java.time.Duration;
import java.time.Instant;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Remembers the {@code jti} of every accepted client assertion until the assertion expires, in Redis, so that all
 * replicas refuse a replayed assertion (RFC 7523 section 3, item 7). One {@code SET NX EX} per assertion: no
 * database write.
 */
final class AssertionReplayCache {

    static final String KEY_PREFIX = "sceneway:auth:assertion-jti:";

    private final StringRedisTemplate redis;

    AssertionReplayCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * True when this is the first use of {@code jti} by {@code clientId}; the id is then remembered until
     * {@code rememberUntil}. Redis failures propagate: the caller fails closed.
     */
    boolean firstUse(String clientId, String jti, Instant rememberUntil, Instant now) {
        Duration ttl = Duration.between(now, rememberUntil);
        if (ttl.toSeconds() < 1) {
            ttl = Duration.ofSeconds(1);
        }
        Boolean set = redis.opsForValue().setIfAbsent(KEY_PREFIX + clientId + ":" + jti, "1", ttl);
        return Boolean.TRUE.equals(set);
    }
}
