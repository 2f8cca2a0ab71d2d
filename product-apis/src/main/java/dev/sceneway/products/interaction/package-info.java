/** The FAPI {@code x-fapi-interaction-id}: echoed or generated on every response, and in the log of every request. */
@NullMarked
package dev.sceneway.products.interaction;

import org.jspecify.annotations.NullMarked;
