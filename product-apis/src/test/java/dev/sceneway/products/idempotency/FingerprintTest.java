package dev.sceneway.products.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void isTheLowerCaseHexSha256OfTheUtf8Text() {
        // FIPS 180-2 test vector.
        assertThat(Fingerprint.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void fieldsAreJoinedByASeparatorSoShiftedBoundariesGiveAnotherFingerprint() {
        assertThat(Fingerprint.of("a", "b")).isEqualTo(Fingerprint.sha256Hex("a\u0000b"))
                .isNotEqualTo(Fingerprint.of("ab", "")).isNotEqualTo(Fingerprint.of("a", "b", ""));
    }
}
