package dev.sceneway.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Partner plans for the Redis token bucket.
 *
 * @param defaultPlan the plan of every partner not listed in {@code partners}
 * @param partners plans by OAuth {@code client_id}
 * @param timeout the longest one limiter round trip to Redis may take; past it the request is refused (503)
 */
@ConfigurationProperties("sceneway.gateway.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue @Valid @NotNull Plan defaultPlan,
        @DefaultValue Map<String, @Valid @NotNull Plan> partners,
        @DefaultValue("200ms") Duration timeout) {

    public RateLimitProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
        }
        partners = Map.copyOf(partners);
    }

    public Plan planFor(String clientId) {
        return partners.getOrDefault(clientId, defaultPlan);
    }

    /**
     * A token bucket: a partner may burst {@code capacity} requests, then {@code refillPerSecond} per second.
     * A partner plan that sets only one of the two takes the other from the defaults (20 / 10).
     *
     * @param capacity the bucket size: the largest burst
     * @param refillPerSecond tokens added per second: the sustained rate
     */
    public record Plan(@DefaultValue("20") int capacity, @DefaultValue("10") int refillPerSecond) {

        /** Keeps the Lua script's micro-token arithmetic well inside a double's exact integers (2^53). */
        static final int MAX = 1_000_000;

        public Plan {
            requireInRange("capacity", capacity);
            requireInRange("refillPerSecond", refillPerSecond);
        }

        private static void requireInRange(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, but was " + value);
            }
            if (value > MAX) {
                throw new IllegalArgumentException(name + " must be <= " + MAX + ", but was " + value);
            }
        }
    }
}
