/**
 * Access tokens: their shape (RFC 9068 JWT profile, PS256) and what is stored about them.
 */
@NullMarked
package dev.sceneway.auth.token;

import org.jspecify.annotations.NullMarked;
