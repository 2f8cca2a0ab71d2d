/**
 * The FAPI 2.0 Security Profile on Spring's authorization server: authorization code flow only through PAR
 * (RFC 9126) with PKCE S256 and exact redirect URIs, {@code iss} in the authorization response (RFC 9207),
 * short-lived single-use codes, DPoP-bound tokens (RFC 9449) and metadata that advertises exactly what is enforced.
 */
@NullMarked
package dev.sceneway.auth.fapi;

import org.jspecify.annotations.NullMarked;
