package dev.sceneway.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Every request the shared limiter could not meter: refused (fail closed) or metered by the local fallback. The
 * {@code reason} tag is {@code timeout} (Redis slower than the limiter's timeout) or {@code error}.
 */
@Component
class RateLimitMetrics {

    static final String UNAVAILABLE_METRIC = "sceneway.gateway.ratelimit.unavailable";
    static final String FALLBACK_METRIC = "sceneway.gateway.ratelimit.fallback";

    private final Counter refusedTimeout;
    private final Counter refusedError;
    private final Counter fallbackTimeout;
    private final Counter fallbackError;

    RateLimitMetrics(MeterRegistry meters) {
        refusedTimeout = counter(meters, UNAVAILABLE_METRIC, "timeout",
                "Requests refused with 503 because the Redis rate limiter failed or timed out (fail closed)");
        refusedError = counter(meters, UNAVAILABLE_METRIC, "error",
                "Requests refused with 503 because the Redis rate limiter failed or timed out (fail closed)");
        fallbackTimeout = counter(meters, FALLBACK_METRIC, "timeout",
                "Reads metered by the replica's local token bucket because the Redis rate limiter failed");
        fallbackError = counter(meters, FALLBACK_METRIC, "error",
                "Reads metered by the replica's local token bucket because the Redis rate limiter failed");
    }

    private static Counter counter(MeterRegistry meters, String name, String reason, String description) {
        return Counter.builder(name).description(description).tag("reason", reason).register(meters);
    }

    void refused(String reason) {
        ("timeout".equals(reason) ? refusedTimeout : refusedError).increment();
    }

    void fallback(String reason) {
        ("timeout".equals(reason) ? fallbackTimeout : fallbackError).increment();
    }
}
