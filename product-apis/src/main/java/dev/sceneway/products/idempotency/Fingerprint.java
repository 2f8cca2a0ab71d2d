package dev.sceneway.products.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, in lower-case hex, of a request's fields: what an idempotency key is bound to. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /**
     * The fingerprint of {@code fields} joined by U+0000, a character none of them can contain (the specs forbid
     * control characters), so that no two different field lists give the same text.
     */
    public static String of(String... fields) {
        return sha256Hex(String.join("\u0000", fields));
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
