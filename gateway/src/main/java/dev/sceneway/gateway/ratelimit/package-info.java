/**
 * Per-partner, per-bank plans in Redis (token bucket plus daily and monthly quota, one round trip), with IETF
 * RateLimit headers; the failure policy when Redis is away is written down in {@code dev.sceneway.gateway.tenancy}.
 */
@NullMarked
package dev.sceneway.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
