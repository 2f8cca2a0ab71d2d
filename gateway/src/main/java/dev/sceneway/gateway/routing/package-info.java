/**
 * One route per bank of the tenancy snapshot: {@code /v1/banks/{bankId}/**} to that bank's product-apis, path
 * unchanged; and, matched first, {@code /v1/banks/{bankId}/consents/**} to the auth-server
 * ({@code sceneway.gateway.consents.uri}).
 */
@NullMarked
package dev.sceneway.gateway.routing;

import org.jspecify.annotations.NullMarked;
