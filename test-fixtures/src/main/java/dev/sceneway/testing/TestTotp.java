package dev.sceneway.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox customers' authenticator app, written apart from auth-server's code: RFC 6238 one-time codes
 * (HMAC-SHA-1, 6 digits, 30 s steps) from the published sandbox secrets.
 */
public final class TestTotp {

    /** The published sandbox secrets (auth-server's application-sandbox.yml), base32. */
    public static final Map<String, String> SECRETS = Map.of("alice", "JBSWY3DPEHPK3PXP", "bob", "KRSXG5CTMVRXEZLU",
            "carol", "MFRGGZDFMZTWQ2LK", "dave", "GEZDGNBVGY3TQOJQ");

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TestTotp() {
    }

    /** The customer's code for now. */
    public static String now(String customer) {
        return at(customer, Instant.now());
    }

    /** The customer's code at {@code instant}. */
    public static String at(String customer, Instant instant) {
        String secret = Objects.requireNonNull(SECRETS.get(customer), () -> "no sandbox customer " + customer);
        return code(secret, Math.floorDiv(instant.getEpochSecond(), 30));
    }

    /** The code of time step {@code step} (RFC 6238 section 4: seconds since the epoch / 30). */
    public static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16
                    | (hash[offset + 2] & 0xff) << 8 | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
