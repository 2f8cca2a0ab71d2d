package dev.sceneway.products.deposits;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A term deposit as the partner asked for it (already valid against the contract's schema). */
record TermDepositOrder(String productId, String sourceAccount, BigDecimal amount, String currency) {

    /** SHA-256 (hex) of the request and the consent it came under: what an idempotency key is bound to. */
    String fingerprint(String consentId) {
        String canonical = String.join("\u0000", consentId, productId, sourceAccount,
                amount.setScale(2).toPlainString(), currency);
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
