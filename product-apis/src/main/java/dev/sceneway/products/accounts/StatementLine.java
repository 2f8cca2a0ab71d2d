package dev.sceneway.products.accounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/** One transaction as seen from one account: its entry on that account (signed) and the transaction's text. */
record StatementLine(UUID transactionId, Instant bookedAt, BigDecimal amount, Currency currency, String kind,
        String description) {
}
