package dev.sceneway.products.credit.quote;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a partner asks a quote for.
 *
 * @param amount    the amount to finance, {@code > 0}
 * @param currency  ISO 4217 code; only products in this currency are quoted
 * @param productId quote this product only, or every product when {@code null}
 */
record QuoteRequest(BigDecimal amount, String currency, int termMonths, @Nullable String productId) {

    QuoteRequest {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be > 0, but was " + amount.toPlainString());
        }
        if (termMonths < 1) {
            throw new IllegalArgumentException("termMonths must be >= 1, but was " + termMonths);
        }
    }
}
