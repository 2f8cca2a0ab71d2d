package dev.sceneway.auth.webhook;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks are delivered to partner apps ({@code sceneway.auth.webhooks.*}).
 *
 * @param enabled whether this replica runs a delivery worker; the outbox is written either way, so a replica
 *     without a worker still queues its events for the others
 * @param pollInterval how long a worker waits between polls when it found nothing more to deliver
 * @param timeout the longest one attempt may take: connecting, sending and receiving the response status
 * @param maxAttempts attempts before a delivery is given up as failed
 * @param backoffBase the delay before the second attempt; each later delay doubles (with jitter, see
 *     {@link Backoff})
 * @param backoffCap the longest delay between two attempts
 * @param batchSize deliveries one poll claims at most; they are sent in parallel
 * @param retention how long a delivered or failed delivery and its attempts stay in the log; each worker deletes
 *     older ones about once an hour
 */
@Validated
@ConfigurationProperties("sceneway.auth.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT1S") @NotNull Duration pollInterval,
        @DefaultValue("PT5S") @NotNull Duration timeout,
        @DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("PT1S") @NotNull Duration backoffBase,
        @DefaultValue("PT10M") @NotNull Duration backoffCap,
        @DefaultValue("20") @Min(1) @Max(500) int batchSize,
        @DefaultValue("P30D") @NotNull Duration retention) {

    @AssertTrue(message = "sceneway.auth.webhooks.poll-interval, timeout, backoff-base, backoff-cap and retention "
            + "must be positive, the timeout at most 1 minute, and backoff-base at most backoff-cap")
    public boolean isDurationsSane() {
        if (pollInterval == null || timeout == null || backoffBase == null || backoffCap == null
                || retention == null) {
            return true; // @NotNull reports these
        }
        return retention.isPositive() && pollInterval.isPositive() && timeout.isPositive() && timeout.compareTo(Duration.ofMinutes(1)) <= 0
                && backoffBase.isPositive() && backoffBase.compareTo(backoffCap) <= 0;
    }

    /**
     * How long a worker's claim on a delivery lasts: one attempt plus a margin. A worker that dies mid-attempt
     * leaves the row to be claimed again after this (at-least-once delivery).
     */
    public Duration claimDuration() {
        return timeout.plusSeconds(30);
    }
}
