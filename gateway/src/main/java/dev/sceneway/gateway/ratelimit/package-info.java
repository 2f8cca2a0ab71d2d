/** Per-partner token bucket in Redis, fail closed, with IETF RateLimit headers. */
@NullMarked
package dev.sceneway.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
