/**
 * Registered clients (partner apps) in PostgreSQL, their hashed secrets, and the sandbox's demo partners.
 */
@NullMarked
package dev.sceneway.auth.client;

import org.jspecify.annotations.NullMarked;
