package dev.sceneway.products.deposits;

import dev.sceneway.products.idempotency.Fingerprint;
import java.math.BigDecimal;

/** A term deposit as the partner asked for it (already valid against the contract's schema). */
record TermDepositOrder(String productId, String sourceAccount, BigDecimal amount, String currency) {

    /** SHA-256 (hex) of the request and the consent it came under: what an idempotency key is bound to. */
    String fingerprint(String consentId) {
        return Fingerprint.of(consentId, productId, sourceAccount, amount.setScale(2).toPlainString(), currency);
    }
}
