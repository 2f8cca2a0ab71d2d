package dev.sceneway.auth.consent;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Consent rules and jobs ({@code sceneway.auth.consents.*}).
 *
 * @param maxExpiry the longest a consent with an expiry (account-access, credit) may last from its creation, and its
 *     default expiry, unless the bank overrides it
 * @param maxExpiryByBank per-bank overrides of {@code maxExpiry}, keyed by bank id
 * @param authorisationWindow how long a consent may wait for the customer before it expires, whatever its expiresAt
 * @param expiryInterval how often the expiry job looks for consents past their expiry or authorisation window
 * @param finalSnapshotRetention how long the Redis snapshot of a consent in a final status is kept
 * @param consumerName this replica's name in the {@code auth-server} consumer group of the consent events stream;
 *     empty: the host name and process id
 */
@Validated
@ConfigurationProperties("sceneway.auth.consents")
public record ConsentProperties(
        @DefaultValue("180d") @NotNull Duration maxExpiry,
        @DefaultValue Map<String, Duration> maxExpiryByBank,
        @DefaultValue("1h") @NotNull Duration authorisationWindow,
        @DefaultValue("30s") @NotNull Duration expiryInterval,
        @DefaultValue("30d") @NotNull Duration finalSnapshotRetention,
        @DefaultValue("") String consumerName) {

    /** The maximum (and default) lifetime of a consent at {@code bankId}. */
    public Duration maxExpiry(String bankId) {
        return maxExpiryByBank.getOrDefault(bankId, maxExpiry);
    }

    @AssertTrue(message = "sceneway.auth.consents durations must be positive")
    public boolean isEveryDurationPositive() {
        return maxExpiry == null || authorisationWindow == null || expiryInterval == null
                || finalSnapshotRetention == null || maxExpiryByBank == null
                || (maxExpiry.isPositive() && authorisationWindow.isPositive() && expiryInterval.isPositive()
                        && finalSnapshotRetention.isPositive()
                        && maxExpiryByBank.values().stream().allMatch(Duration::isPositive));
    }
}
