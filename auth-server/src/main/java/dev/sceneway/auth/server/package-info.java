/**
 * The OAuth 2.0 endpoints (token, JWKS, RFC 8414 metadata) and the security filter chains around them.
 */
@NullMarked
package dev.sceneway.auth.server;

import org.jspecify.annotations.NullMarked;
