package dev.sceneway.products.payments;

import dev.sceneway.products.idempotency.Fingerprint;
import java.math.BigDecimal;
import java.util.UUID;

/** A refund as the partner asked for it (already valid against the contract's schema). */
record RefundOrder(UUID paymentId, BigDecimal amount, String currency, String reference) {

    /** SHA-256 (hex) of the request: what an idempotency key is bound to. */
    String fingerprint() {
        return Fingerprint.of(paymentId.toString(), amount.setScale(2).toPlainString(), currency, reference);
    }
}
