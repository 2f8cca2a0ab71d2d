package dev.sceneway.products.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** A refund as the partner asked for it (already valid against the contract's schema). */
record RefundOrder(UUID paymentId, BigDecimal amount, String currency, String reference) {

    /** SHA-256 (hex) of the request: what an idempotency key is bound to. */
    String fingerprint() {
        String canonical = String.join("\u0000", paymentId.toString(), amount.setScale(2).toPlainString(), currency,
                reference);
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
