package dev.sceneway.products.deposits;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this bank runs term deposits.
 *
 * @param accountPrefix           the bank's account-id prefix: deposit accounts are {@code <prefix>-TD-<12 hex>}
 *                                (application.yml defaults it to the credit prefix)
 * @param interestExpenseAccount  the bank's account that pays deposit interest (default
 *                                {@code <prefix>-BANK-DEPOSIT-INTEREST})
 * @param timeZone                the bank's calendar: start and maturity dates are days in this zone
 * @param maturityInterval        how often deposits due today are paid out
 */
@Validated
@ConfigurationProperties("sceneway.deposits")
public record DepositsProperties(
        @NotNull @Pattern(regexp = "[A-Z0-9]{1,8}") String accountPrefix,
        @Nullable String interestExpenseAccount,
        @DefaultValue("UTC") @NotNull ZoneId timeZone,
        @DefaultValue("PT1M") @NotNull Duration maturityInterval) {

    public DepositsProperties {
        interestExpenseAccount = interestExpenseAccount == null || interestExpenseAccount.isBlank()
                ? accountPrefix + "-BANK-DEPOSIT-INTEREST" : interestExpenseAccount;
        if (maturityInterval.isNegative() || maturityInterval.isZero()) {
            throw new IllegalArgumentException("sceneway.deposits.maturity-interval must be > 0");
        }
    }

    /** Never null after construction (the default filled in). */
    @Override
    public String interestExpenseAccount() {
        return Objects.requireNonNull(interestExpenseAccount);
    }
}
