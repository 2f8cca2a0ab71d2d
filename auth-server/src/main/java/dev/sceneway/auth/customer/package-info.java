/**
 * Customer authentication for the authorization code flow: a server-rendered, CSRF-protected login form over the
 * sandbox's test customers. A later issue adds a one-time-code second factor and consent screens.
 */
@NullMarked
package dev.sceneway.auth.customer;

import org.jspecify.annotations.NullMarked;
