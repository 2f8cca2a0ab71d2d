package dev.sceneway.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The partner rate limiter. The plans themselves are data (tenancy: {@code partner_plan}, {@code /admin/partners}).
 *
 * @param enabled whether bank routes are metered at all (off only to benchmark the bare gateway)
 * @param timeout the longest one limiter round trip to Redis may take, at most 100 ms; past it the route's failure
 *        policy applies (503 or the local fallback), so no request waits out a connect or socket timeout
 * @param localFallbackBuckets how many partner buckets one replica keeps for the local fallback before forgetting
 *        them all (which only refills them)
 */
@ConfigurationProperties("sceneway.gateway.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100ms") Duration timeout,
        @DefaultValue("100000") int localFallbackBuckets) {

    static final Duration MAX_TIMEOUT = Duration.ofMillis(100);

    public RateLimitProperties {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be > 0 and <= 100ms, but was " + timeout);
        }
        if (localFallbackBuckets <= 0) {
            throw new IllegalArgumentException("localFallbackBuckets must be > 0, but was " + localFallbackBuckets);
        }
    }
}
