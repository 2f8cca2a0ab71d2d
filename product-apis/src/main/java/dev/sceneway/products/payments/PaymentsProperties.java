package dev.sceneway.products.payments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How payments are executed, and how used payment consents are reported to the auth-server.
 *
 * @param consentEvents     the Redis stream the auth-server reads (consumer group {@code auth-server})
 * @param reportInterval    how often unreported consent uses are looked for (and failed reports retried)
 * @param reportBatch       at most this many uses per round
 * @param instantLimit      payments up to this amount are executed at once; larger ones are accepted pending and
 *                          executed by the payment run (absent: every payment is instant)
 * @param executionInterval how often the payment run executes pending payments
 */
@Validated
@ConfigurationProperties("sceneway.payments")
public record PaymentsProperties(
        // The contract's stream name; change it only together with the auth-server.
        @DefaultValue("sceneway:consent-events") @NotBlank String consentEvents,
        // A consumed consent shows as Consumed at the gateway about this long after the payment at the latest.
        @DefaultValue("PT0.5S") @NotNull Duration reportInterval,
        // Bounded so one round never holds its row locks for long.
        @DefaultValue("100") @Min(1) @Max(1000) int reportBatch,
        @Nullable @Positive BigDecimal instantLimit,
        @DefaultValue("PT2S") @NotNull Duration executionInterval) {

    public PaymentsProperties {
        for (Duration interval : new Duration[] {reportInterval, executionInterval}) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("payment intervals must be > 0, but one was " + interval);
            }
        }
    }

    /** Whether a payment of {@code amount} is executed at once (within the instant limit, or there is none). */
    boolean isInstant(BigDecimal amount) {
        return instantLimit == null || amount.compareTo(instantLimit) <= 0;
    }
}
