/** What the gateway's Redis users share: Lua scripts loaded once. */
@NullMarked
package dev.sceneway.gateway.redis;

import org.jspecify.annotations.NullMarked;
