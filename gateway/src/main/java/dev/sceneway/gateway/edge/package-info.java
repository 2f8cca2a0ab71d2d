/**
 * Edge hygiene of the public port: internal identity headers set only by the gateway, forwarded headers only from
 * trusted proxies, a request body limit, no server internals in responses.
 */
@NullMarked
package dev.sceneway.gateway.edge;

import org.jspecify.annotations.NullMarked;
