/** The FAPI {@code x-fapi-interaction-id}: echoed or generated on every response, propagated to the banks, in the logs. */
@NullMarked
package dev.sceneway.gateway.interaction;

import org.jspecify.annotations.NullMarked;
