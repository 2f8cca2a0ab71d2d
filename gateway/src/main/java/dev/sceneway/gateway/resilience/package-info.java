/**
 * Resilience4j per bank: time limiter, circuit breaker, bulkhead, and retries of idempotent reads on connection
 * errors; the gateway's own 503/504 problems when a bank is down, paused, saturated or slow.
 */
@NullMarked
package dev.sceneway.gateway.resilience;

import org.jspecify.annotations.NullMarked;
