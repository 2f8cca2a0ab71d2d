package dev.sceneway.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static final byte[] BODY = "{\"amount\":\"1000.00\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void isWellFormedWhenOneToFortyLettersDigitsDashOrUnderscoreThenTrue() {
        assertThat(IdempotencyKeys.isWellFormed("a")).isTrue();
        assertThat(IdempotencyKeys.isWellFormed("7f1c2a4e-0b1d-4a53-9c1e-2f0a8b7d6e55")).isTrue();
        assertThat(IdempotencyKeys.isWellFormed("order_42-A")).isTrue();
        assertThat(IdempotencyKeys.isWellFormed("k".repeat(40))).isTrue();
    }

    @Test
    void isWellFormedWhenEmptyTooLongOrOtherCharactersThenFalse() {
        assertThat(IdempotencyKeys.isWellFormed("")).isFalse();
        assertThat(IdempotencyKeys.isWellFormed("k".repeat(41))).isFalse();
        assertThat(IdempotencyKeys.isWellFormed("a:b")).isFalse();
        assertThat(IdempotencyKeys.isWellFormed("a b")).isFalse();
        assertThat(IdempotencyKeys.isWellFormed("ключ")).isFalse();
    }

    @Test
    void fingerprintWhenMethodPathQueryOrBodyDiffersThenDiffers() {
        String base = IdempotencyKeys.fingerprint("POST", "/v1/banks/lakeside/x", null, BODY);

        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/banks/lakeside/x", null, BODY)).isEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("PUT", "/v1/banks/lakeside/x", null, BODY)).isNotEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/banks/harbour/x", null, BODY)).isNotEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/banks/lakeside/x", "a=1", BODY)).isNotEqualTo(base);
        assertThat(IdempotencyKeys.fingerprint("POST", "/v1/banks/lakeside/x", null, new byte[0]))
                .isNotEqualTo(base);
    }

    @Test
    void fingerprintWhenPartsShiftBetweenPathAndQueryThenStillDiffers() {
        assertThat(IdempotencyKeys.fingerprint("POST", "/a?b", null, new byte[0]))
                .isNotEqualTo(IdempotencyKeys.fingerprint("POST", "/a", "b", new byte[0]));
        assertThat(IdempotencyKeys.fingerprint("POST", "/a", "", new byte[0]))
                .isNotEqualTo(IdempotencyKeys.fingerprint("POST", "/a", null, new byte[0]));
    }

    @Test
    void redisKeyWhenPartnersDifferThenKeysDiffer() {
        assertThat(IdempotencyKeys.redisKey("partner-a", "k1")).isNotEqualTo(IdempotencyKeys.redisKey("partner-b", "k1"));
        assertThat(IdempotencyKeys.redisKey("partner-a", "k1")).startsWith("sceneway:idempotency:");
    }
}
