package dev.sceneway.products.credit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this bank runs consumer credit.
 *
 * @param accountPrefix          the bank's account-id prefix: new loan and escrow accounts are
 *                               {@code <prefix>-LOAN-<12 hex>} and {@code <prefix>-ESCROW-<12 hex>}
 * @param interestIncomeAccount  the bank's account credited with interest (default {@code <prefix>-BANK-INTEREST})
 * @param feeIncomeAccount       the bank's account credited with fees (default {@code <prefix>-BANK-FEES})
 * @param timeZone               the bank's calendar: signing dates, due dates and "today" are days in this zone
 * @param offerValidity          how long an approved offer can be accepted
 * @param decisionPatience       how long a partner's application request waits for the bureau before answering
 *                               {@code pending}
 * @param retryPatience          how long a background retry of a pending application waits for the bureau
 * @param retryInterval          how often pending applications are looked at (and events relayed)
 * @param dueNoticeDays          the "instalment due" event goes out this many days before the due date
 * @param collectionInterval     how often instalments are collected (and due notices queued)
 */
@Validated
@ConfigurationProperties("sceneway.credit")
public record CreditProperties(
        @NotNull @Pattern(regexp = "[A-Z0-9]{1,8}") String accountPrefix,
        @Nullable String interestIncomeAccount,
        @Nullable String feeIncomeAccount,
        @DefaultValue("UTC") @NotNull ZoneId timeZone,
        @DefaultValue("P30D") @NotNull Duration offerValidity,
        @DefaultValue("PT1S") @NotNull Duration decisionPatience,
        @DefaultValue("PT5S") @NotNull Duration retryPatience,
        @DefaultValue("PT2S") @NotNull Duration retryInterval,
        @DefaultValue("5") @Min(0) @Max(28) int dueNoticeDays,
        @DefaultValue("PT1M") @NotNull Duration collectionInterval) {

    public CreditProperties {
        interestIncomeAccount = interestIncomeAccount == null || interestIncomeAccount.isBlank()
                ? accountPrefix + "-BANK-INTEREST" : interestIncomeAccount;
        feeIncomeAccount = feeIncomeAccount == null || feeIncomeAccount.isBlank()
                ? accountPrefix + "-BANK-FEES" : feeIncomeAccount;
        for (Duration duration : new Duration[] {offerValidity, decisionPatience, retryPatience, retryInterval,
                collectionInterval}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("credit durations must be > 0, but one was " + duration);
            }
        }
    }

    /** Never null after construction (defaults filled in). */
    @Override
    public String interestIncomeAccount() {
        return java.util.Objects.requireNonNull(interestIncomeAccount);
    }

    @Override
    public String feeIncomeAccount() {
        return java.util.Objects.requireNonNull(feeIncomeAccount);
    }
}
