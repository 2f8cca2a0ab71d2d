/**
 * {@code x-idempotency-key} for unsafe calls: the first response replayed for 24 h, per partner, kept in Redis and
 * failing closed.
 */
@NullMarked
package dev.sceneway.gateway.idempotency;

import org.jspecify.annotations.NullMarked;
