/** Sceneway API gateway. */
@NullMarked
package dev.sceneway.gateway;

import org.jspecify.annotations.NullMarked;
