package dev.sceneway.gateway.metering;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Metering of every call into PostgreSQL, off the request path.
 *
 * @param enabled record calls (off: nothing buffered, nothing written; the usage API still answers from the data)
 * @param bufferCapacity calls held in memory before the writer stores them; beyond it calls are dropped and
 *        counted ({@code sceneway.gateway.metering.dropped}), never waited for
 * @param batchSize the most calls one database transaction stores
 * @param flushInterval how often the writer stores what the buffer holds
 * @param usageMaxDays the longest range {@code GET /admin/usage} answers in one request
 */
@ConfigurationProperties("sceneway.gateway.metering")
@Validated
public record MeteringProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000") @Min(1) @Max(10_000_000) int bufferCapacity,
        @DefaultValue("2000") @Min(1) @Max(100_000) int batchSize,
        @DefaultValue("500ms") Duration flushInterval,
        @DefaultValue("366") @Min(1) @Max(3660) int usageMaxDays) {

    public MeteringProperties {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be > 0, but was " + flushInterval);
        }
        if (bufferCapacity < 1 || batchSize < 1 || usageMaxDays < 1) {
            throw new IllegalArgumentException("bufferCapacity, batchSize and usageMaxDays must be >= 1, but were "
                    + bufferCapacity + ", " + batchSize + ", " + usageMaxDays);
        }
    }
}
