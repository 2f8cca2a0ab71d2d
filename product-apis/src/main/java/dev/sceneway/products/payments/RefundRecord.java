package dev.sceneway.products.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund as stored; {@code refundId} is also its ledger transaction's id.
 *
 * @param paymentRefundedTotal everything refunded of the payment up to and including this refund
 */
record RefundRecord(UUID refundId, String partner, String requestHash, UUID paymentId, String fromAccount,
        String toAccount, BigDecimal amount, String currency, String reference, BigDecimal paymentRefundedTotal,
        Instant createdAt) {
}
