/**
 * Observability of the public port: per-route, per-partner request metrics for Prometheus (served on the management
 * port only) and a structured access log line per call that holds no token and no personal data.
 */
@NullMarked
package dev.sceneway.gateway.observability;

import org.jspecify.annotations.NullMarked;
