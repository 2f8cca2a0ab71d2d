package dev.sceneway.auth.key;

/** AES-GCM output: the random nonce and the ciphertext with its authentication tag appended. */
record SealedBytes(byte[] nonce, byte[] ciphertext) {
}
