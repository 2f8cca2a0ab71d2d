package dev.sceneway.products.payments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How used payment consents are reported to the auth-server.
 *
 * @param consentEvents  the Redis stream the auth-server reads (consumer group {@code auth-server})
 * @param reportInterval how often unreported consent uses are looked for (and failed reports retried)
 * @param reportBatch    at most this many uses per round
 */
@Validated
@ConfigurationProperties("sceneway.payments")
public record PaymentsProperties(
        // The contract's stream name; change it only together with the auth-server.
        @DefaultValue("sceneway:consent-events") @NotBlank String consentEvents,
        // A consumed consent shows as Consumed at the gateway about this long after the payment at the latest.
        @DefaultValue("PT0.5S") @NotNull Duration reportInterval,
        // Bounded so one round never holds its row locks for long.
        @DefaultValue("100") @Min(1) @Max(1000) int reportBatch) {

    public PaymentsProperties {
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("reportInterval must be > 0, but was " + reportInterval);
        }
    }
}
