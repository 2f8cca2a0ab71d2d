package dev.sceneway.products.accounts;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Accounts API presents the ledger.
 *
 * @param timeZone the bank's calendar: booking dates and the {@code bookedFrom}/{@code bookedTo} filters are days in
 *                 this zone, e.g. {@code Europe/Berlin}
 */
@Validated
@ConfigurationProperties("sceneway.accounts")
public record AccountsProperties(
        // An IANA zone id; UTC when the bank does not say.
        @DefaultValue("UTC") @NotNull ZoneId timeZone) {
}
