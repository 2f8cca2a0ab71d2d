package dev.sceneway.products.deposits;

import java.math.BigDecimal;
import java.util.Currency;

/** A term-deposit product of the bank's catalogue. */
record TermDepositProduct(String productId, String name, Currency currency, int termMonths,
        BigDecimal annualRatePercent, BigDecimal minAmount, BigDecimal maxAmount, boolean active) {

    /** Whether the product takes this principal in this currency now. */
    boolean takes(BigDecimal amount, String currencyCode) {
        return active && currency.getCurrencyCode().equals(currencyCode)
                && amount.compareTo(minAmount) >= 0 && amount.compareTo(maxAmount) <= 0;
    }
}
