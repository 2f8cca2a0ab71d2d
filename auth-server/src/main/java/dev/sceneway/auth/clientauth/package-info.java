/**
 * Client authentication at the token, introspection and revocation endpoints: {@code private_key_jwt} client
 * assertions (RFC 7523 section 2.2, FAPI 2.0 Security Profile section 5.3.1.2) with keys by value or jwks_uri, their
 * {@code jti} remembered in Redis by every replica; client secrets only in the sandbox; no mTLS.
 */
@NullMarked
package dev.sceneway.auth.clientauth;

import org.jspecify.annotations.NullMarked;
