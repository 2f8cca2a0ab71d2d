/** One route per bank of the tenancy snapshot: {@code /v1/banks/{bankId}/**} to that bank's product-apis, path unchanged. */
@NullMarked
package dev.sceneway.gateway.routing;

import org.jspecify.annotations.NullMarked;
