package dev.sceneway.gateway.idempotency;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency of unsafe calls ({@link IdempotencyFilter}).
 *
 * @param enabled off only for benchmarks that measure the gateway without policies; a route opts out with the
 *         route metadata {@code idempotency: false}
 * @param retention how long a completed response is replayed for its key
 * @param inFlightLease how long a key stays claimed by a request whose gateway died before it completed; must
 *         exceed every route's response timeout
 * @param maxWait how long a duplicate waits for the first request to complete before 409; unset means the
 *         route's response timeout
 * @param storeTimeout the longest one round trip to Redis may take; past it the call is refused (503)
 * @param maxStoredResponse larger upstream responses are passed through but not kept (the key is released)
 */
@ConfigurationProperties("sceneway.gateway.idempotency")
@Validated
public record IdempotencyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("2m") Duration inFlightLease,
        @Nullable Duration maxWait,
        @DefaultValue("200ms") Duration storeTimeout,
        @DefaultValue("1MB") DataSize maxStoredResponse) {

    public IdempotencyProperties {
        requirePositive("retention", retention);
        requirePositive("inFlightLease", inFlightLease);
        requirePositive("storeTimeout", storeTimeout);
        if (maxWait != null) {
            requirePositive("maxWait", maxWait);
            if (maxWait.compareTo(inFlightLease) >= 0) {
                throw new IllegalArgumentException(
                        "maxWait must be < inFlightLease (" + inFlightLease + "), but was " + maxWait);
            }
        }
        if (maxStoredResponse.toBytes() <= 0) {
            throw new IllegalArgumentException("maxStoredResponse must be > 0, but was " + maxStoredResponse);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }
}
