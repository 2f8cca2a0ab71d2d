/**
 * OAuth 2.0 Dynamic Client Registration (RFC 7591) at {@code POST /register}, open to approved partners only: the
 * request must carry a software statement signed by the platform.
 */
@NullMarked
package dev.sceneway.auth.client.registration;

import org.jspecify.annotations.NullMarked;
