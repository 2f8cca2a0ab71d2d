/** Bearer access-token verification (RFC 9068 JWT profile, PS256 only) and scope rules; the gateway is not the only wall. */
@NullMarked
package dev.sceneway.products.security;

import org.jspecify.annotations.NullMarked;
