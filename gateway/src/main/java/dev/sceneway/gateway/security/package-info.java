/** Bearer access-token checks (RFC 6750, RFC 9068 JWT profile) and per-endpoint scopes. */
@NullMarked
package dev.sceneway.gateway.security;

import org.jspecify.annotations.NullMarked;
