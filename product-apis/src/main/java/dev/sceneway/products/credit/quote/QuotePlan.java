package dev.sceneway.products.credit.quote;

import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * One product and repayment method applied to an amount and a term. Money at the currency's scale; the rates as
 * stored (4 decimals), the APR at 2 decimals.
 *
 * @param instalment     the instalment to advertise: the regular one for an annuity, the first (highest) for equal
 *                       principal; in both cases the schedule's first instalment
 * @param totalCost      total interest plus the arrangement fee (the directive's "total cost of the credit")
 * @param totalRepayable amount plus total cost: the instalments and the fee, everything the customer pays
 */
public record QuotePlan(
        String productId,
        String productName,
        RepaymentMethod repaymentMethod,
        Currency currency,
        BigDecimal amount,
        int termMonths,
        BigDecimal nominalAnnualRatePercent,
        BigDecimal arrangementFee,
        BigDecimal instalment,
        BigDecimal firstInstalment,
        BigDecimal lastInstalment,
        BigDecimal totalInterest,
        BigDecimal totalCost,
        BigDecimal totalRepayable,
        BigDecimal aprPercent,
        BigDecimal merchantDiscountPercent,
        List<ScheduledInstalment> schedule) {

    public QuotePlan {
        schedule = List.copyOf(schedule);
    }
}
