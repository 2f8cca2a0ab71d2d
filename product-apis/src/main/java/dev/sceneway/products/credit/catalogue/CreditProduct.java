package dev.sceneway.products.credit.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An instalment-loan product of the bank. Amounts are in {@code currency} at its ISO 4217 minor-unit scale
 * (2 for EUR and CNY); the rates keep the stored precision (4 decimals). Public: quotes are computed from it.
 *
 * @param merchantDiscountPercent the share of the financed amount a merchant pays the bank for a
 *                                merchant-subsidised (typically 0 %) plan; never paid by the customer
 */
public record CreditProduct(
        String productId,
        String name,
        Currency currency,
        BigDecimal minAmount,
        BigDecimal maxAmount,
        int minTermMonths,
        int maxTermMonths,
        BigDecimal nominalAnnualRatePercent,
        BigDecimal arrangementFee,
        List<RepaymentMethod> repaymentMethods,
        BigDecimal merchantDiscountPercent) {

    public CreditProduct {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(nominalAnnualRatePercent, "nominalAnnualRatePercent");
        minAmount = atCurrencyScale(minAmount, currency, "minAmount");
        maxAmount = atCurrencyScale(maxAmount, currency, "maxAmount");
        arrangementFee = atCurrencyScale(arrangementFee, currency, "arrangementFee");
        if (minAmount.compareTo(maxAmount) > 0) {
            throw new IllegalArgumentException("minAmount must be <= maxAmount, but was " + minAmount + " > " + maxAmount);
        }
        if (minTermMonths < 1 || minTermMonths > maxTermMonths) {
            throw new IllegalArgumentException("term months must satisfy 1 <= min <= max, but were "
                    + minTermMonths + ".." + maxTermMonths);
        }
        if (nominalAnnualRatePercent.signum() < 0) {
            throw new IllegalArgumentException("nominalAnnualRatePercent must be >= 0, but was " + nominalAnnualRatePercent);
        }
        Objects.requireNonNull(merchantDiscountPercent, "merchantDiscountPercent");
        if (merchantDiscountPercent.signum() < 0) {
            throw new IllegalArgumentException("merchantDiscountPercent must be >= 0, but was " + merchantDiscountPercent);
        }
        if (repaymentMethods.isEmpty()) {
            throw new IllegalArgumentException("repaymentMethods must not be empty (product " + productId + ")");
        }
        repaymentMethods = List.copyOf(repaymentMethods);
    }

    /**
     * Rounding rule for money: an amount is brought to its currency's minor-unit scale with
     * {@link RoundingMode#UNNECESSARY}, i.e. only trailing zeros may be added or dropped. A stored amount with
     * more precision than its currency allows is bad data: we refuse it loudly rather than round money silently.
     */
    public static BigDecimal atCurrencyScale(BigDecimal amount, Currency currency, String field) {
        Objects.requireNonNull(amount, field);
        int scale = currency.getDefaultFractionDigits();
        if (scale < 0) {
            throw new IllegalArgumentException(currency + " is not a currency with minor units (" + field + ")");
        }
        try {
            return amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " must have at most " + scale + " decimals in " + currency
                    + ", but was " + amount.toPlainString(), e);
        }
    }
}
