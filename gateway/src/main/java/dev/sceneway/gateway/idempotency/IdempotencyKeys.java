package dev.sceneway.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/** The rules of {@code x-idempotency-key} (common.yaml, {@code IdempotencyKey}) and of "the same request". */
public final class IdempotencyKeys {

    public static final String HEADER = "x-idempotency-key";
    /** Marks a replayed response (common.yaml, {@code IdempotentReplayed}). */
    public static final String REPLAYED_HEADER = "x-idempotent-replayed";
    /** Letters, digits, '-' and '_': safe in a Redis key and in logs; a UUID fits. */
    static final Pattern KEY_FORM = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    /** Unsafe methods that must carry a key (RFC 9110 §9.2.2: neither is idempotent). */
    static final Set<HttpMethod> REQUIRED = Set.of(HttpMethod.POST, HttpMethod.PATCH);
    /** Idempotent by definition: a key is honoured when sent, never demanded. */
    static final Set<HttpMethod> OPTIONAL = Set.of(HttpMethod.PUT, HttpMethod.DELETE);

    private static final String REDIS_PREFIX = "sceneway:idempotency:";

    private IdempotencyKeys() {
    }

    static boolean isWellFormed(String key) {
        return KEY_FORM.matcher(key).matches();
    }

    /**
     * The Redis key of a partner's idempotency key. The idempotency key has no ':', so the last segment is
     * always the key and a partner id containing ':' cannot collide with another partner's key.
     */
    public static String redisKey(String partner, String key) {
        return REDIS_PREFIX + partner + ":" + key;
    }

    /**
     * SHA-256 over method, raw path, raw query and body, each length-prefixed so that no two different requests
     * share an input (a path ending in the query's first characters, say).
     */
    public static String fingerprint(String method, String rawPath, @Nullable String rawQuery, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-256", ex);
        }
        for (String part : new String[] {method, rawPath, rawQuery == null ? "" : "?" + rawQuery}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
        }
        sha256.update(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ':');
        sha256.update(body);
        return HexFormat.of().formatHex(sha256.digest());
    }
}
