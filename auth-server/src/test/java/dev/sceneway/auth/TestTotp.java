package dev.sceneway.auth;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The sandbox customers' authenticator app, written apart from the server's code (RFC 6238, HMAC-SHA-1, 6 digits,
 * 30 s), and a way to forget the codes the server saw used, so that many logins of one customer within 30 s work.
 */
public final class TestTotp {

    /** The published sandbox secrets (application-sandbox.yml). */
    public static final Map<String, String> SECRETS = Map.of("alice", "JBSWY3DPEHPK3PXP", "bob", "KRSXG5CTMVRXEZLU");

    private TestTotp() {
    }

    public static String now(String customer) {
        return at(customer, Instant.now());
    }

    public static String at(String customer, Instant instant) {
        return code(SECRETS.get(customer), Math.floorDiv(instant.getEpochSecond(), 30));
    }

    public static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[19] & 0xf;
            int value = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff))
                    % 1_000_000;
            return String.format("%06d", value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the server's memory of used codes (Redis keys {@code sceneway:auth:totp-used:*}). */
    public static void forgetUsedCodes(StringRedisTemplate redis) {
        Set<String> keys = redis.keys("sceneway:auth:totp-used:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = buffer << 5 | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
