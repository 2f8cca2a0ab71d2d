/**
 * The partner API of consents ({@code openapi/specs/consents.yaml}): create, read and revoke, as a resource server of
 * this server's own access tokens. Generated models stop at the controller.
 */
@NullMarked
package dev.sceneway.auth.consent.partner;

import org.jspecify.annotations.NullMarked;
