/**
 * Token signing keys: RSA keys kept in PostgreSQL with the private part encrypted (AES-256-GCM), so that tokens
 * survive a restart and every replica signs with the same key.
 */
@NullMarked
package dev.sceneway.auth.key;

import org.jspecify.annotations.NullMarked;
