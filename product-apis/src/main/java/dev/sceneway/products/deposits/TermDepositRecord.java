package dev.sceneway.products.deposits;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A term deposit as stored: its fixed terms and where it stands. */
record TermDepositRecord(String termDepositId, String partner, String requestHash, String consentId, String customer,
        String productId, String sourceAccount, BigDecimal principal, String currency, BigDecimal annualRatePercent,
        int termMonths, MaturityTerms terms, Status status, Instant openedAt, @Nullable Instant maturedAt) {

    enum Status { ACTIVE, MATURED }
}
