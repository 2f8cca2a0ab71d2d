/**
 * Metering: every call through the gateway becomes a {@link dev.sceneway.gateway.metering.CallRecord} (partner,
 * bank, product, operation, status, latency), handed off the request path to a bounded in-memory buffer that a
 * background writer batch-inserts into PostgreSQL with a daily aggregate; {@code GET /admin/usage} reads it back.
 */
@NullMarked
package dev.sceneway.gateway.metering;

import org.jspecify.annotations.NullMarked;
