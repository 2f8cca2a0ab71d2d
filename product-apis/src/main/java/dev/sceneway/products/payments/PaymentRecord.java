package dev.sceneway.products.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A payment as stored: final status, and what it was made under. */
record PaymentRecord(UUID paymentId, String partner, String requestHash, String consentId, String debtorAccount,
        String creditorAccount, String creditorName, BigDecimal amount, String currency, String reference,
        Status status, @Nullable String statusReason, Instant createdAt) {

    enum Status { COMPLETED, REJECTED }
}
