package dev.sceneway.auth.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing private keys at rest with AES-256-GCM (NIST SP 800-38D) under the key-encryption key
 * ({@code sceneway.auth.key-encryption-key}). Every record gets a fresh random 96-bit nonce; the key id is bound as
 * additional authenticated data so that a ciphertext copied into another row does not decrypt.
 */
public final class PrivateKeyCipher {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public PrivateKeyCipher(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("key-encryption key must be " + KEY_BYTES + " bytes (AES-256), but was "
                    + keyEncryptionKey.length);
        }
        this.key = new SecretKeySpec(keyEncryptionKey.clone(), "AES");
    }

    SealedBytes seal(byte[] plaintext, String keyId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new SealedBytes(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption is unavailable: " + e.getMessage(), e);
        }
    }

    byte[] open(SealedBytes sealed, String keyId) {
        if (sealed.nonce().length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, but was " + sealed.nonce().length);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("signing key " + keyId + " does not decrypt: sceneway.auth.key-encryption-key"
                    + " is not the key it was stored under, or the row was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption is unavailable: " + e.getMessage(), e);
        }
    }
}
