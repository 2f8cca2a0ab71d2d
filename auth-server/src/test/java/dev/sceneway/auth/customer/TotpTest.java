package dev.sceneway.auth.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codeWhenRfc6238TestVectorsThenTheirLastSixDigits() {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 6)).isEqualTo("081804");
    }

    @Test
    void matchingStepWhenCodeIsOneStepOldOrAheadThenAcceptedButNotTwo() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step, 6), now)).hasValue(step);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 1, 6), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 1, 6), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 2, 6), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2, 6), now)).isEmpty();
    }

    @Test
    void matchingStepWhenNotSixDigitsThenEmpty() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);

        assertThat(Totp.matchingStep(RFC_SEED, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "12345a", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "", now)).isEmpty();
    }

    @Test
    void base32WhenSandboxSecretThenTheKnownBytes() {
        // JBSWY3DPEHPK3PXP is "Hello!" followed by 0xDEADBEEF.
        assertThat(Totp.base32("JBSWY3DPEHPK3PXP"))
                .containsExactly('H', 'e', 'l', 'l', 'o', '!', 0xde - 256, 0xad - 256, 0xbe - 256, 0xef - 256);
        assertThat(Totp.base32("jbsw y3dp")).containsExactly('H', 'e', 'l', 'l', 'o');
    }
}
