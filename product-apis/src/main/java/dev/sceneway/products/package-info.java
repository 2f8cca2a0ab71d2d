/** Sceneway product APIs: one bank's product catalogue behind the gateway. */
@NullMarked
package dev.sceneway.products;

import org.jspecify.annotations.NullMarked;
