/** What the gateway's reactive code shares: deadlines that cost next to nothing when they do not fire. */
@NullMarked
package dev.sceneway.gateway.reactive;

import org.jspecify.annotations.NullMarked;
