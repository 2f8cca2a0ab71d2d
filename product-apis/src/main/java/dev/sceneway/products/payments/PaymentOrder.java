package dev.sceneway.products.payments;

import dev.sceneway.products.idempotency.Fingerprint;
import java.math.BigDecimal;

/**
 * A payment as the partner asked for it.
 *
 * @param debtorAccount   the customer's account to pay from
 * @param creditorAccount the account to pay to, at the same bank
 * @param amount          positive, scale 2 (the spec's pattern allows nothing else)
 * @param currency        ISO 4217
 * @param reference       the payer's reference
 */
record PaymentOrder(String debtorAccount, String creditorAccount, BigDecimal amount, String currency,
        String reference) {

    /**
     * SHA-256 (hex) of the order and the consent it is made under: what "the same request" means for an idempotency
     * key. Fields are separated by a character none of them can contain (the spec forbids control characters).
     */
    String fingerprint(String consentId) {
        return Fingerprint.of(consentId, debtorAccount, creditorAccount, amount.toPlainString(), currency, reference);
    }
}
