package dev.sceneway.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrivateKeyCipherTest {

    private static final byte[] PLAINTEXT = "a PKCS#8 private key".getBytes(StandardCharsets.UTF_8);
    private final PrivateKeyCipher cipher = new PrivateKeyCipher(filled(32, 1));

    @Test
    void openWhenSameKekAndKeyIdThenThePlaintext() {
        SealedBytes sealed = cipher.seal(PLAINTEXT, "kid-1");

        assertThat(sealed.nonce()).hasSize(12);
        assertThat(cipher.open(sealed, "kid-1")).isEqualTo(PLAINTEXT);
    }

    @Test
    void sealWhenCalledTwiceThenFreshNonceAndDifferentCiphertext() {
        SealedBytes first = cipher.seal(PLAINTEXT, "kid-1");
        SealedBytes second = cipher.seal(PLAINTEXT, "kid-1");

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void openWhenAnotherKekThenRefusedNamingTheProperty() {
        SealedBytes sealed = cipher.seal(PLAINTEXT, "kid-1");

        assertThatThrownBy(() -> new PrivateKeyCipher(filled(32, 2)).open(sealed, "kid-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sceneway.auth.key-encryption-key");
    }

    @Test
    void openWhenCiphertextMovedToAnotherKeyIdThenRefused() {
        SealedBytes sealed = cipher.seal(PLAINTEXT, "kid-1");

        assertThatThrownBy(() -> cipher.open(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constructorWhenKekIsNot32BytesThenRejected() {
        assertThatThrownBy(() -> new PrivateKeyCipher(filled(16, 1)))
                .hasMessage("key-encryption key must be 32 bytes (AES-256), but was 16");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
