package dev.sceneway.products.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A payment as stored: where it is in its lifecycle, and what it was made under. */
record PaymentRecord(UUID paymentId, String partner, String requestHash, String consentId, String debtorAccount,
        String creditorAccount, String creditorName, BigDecimal amount, String currency, String reference,
        Status status, @Nullable String statusReason, Instant createdAt, Instant statusUpdatedAt) {

    /** {@code PENDING} → {@code COMPLETED} or {@code REJECTED}; nothing else (the database refuses it too). */
    enum Status { PENDING, COMPLETED, REJECTED }

    /** This payment, moved on to {@code status} at {@code at}. */
    PaymentRecord moved(Status next, @Nullable String reason, Instant at) {
        if (status != Status.PENDING || next == Status.PENDING) {
            throw new IllegalStateException("payment " + paymentId + " cannot go from " + status + " to " + next);
        }
        return new PaymentRecord(paymentId, partner, requestHash, consentId, debtorAccount, creditorAccount,
                creditorName, amount, currency, reference, next, reason, createdAt, at);
    }
}
