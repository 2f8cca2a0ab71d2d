/**
 * The consent a customer-level access token carries ({@code consent_id} and {@code consent} claims, written by the
 * auth-server when the customer approved it) and the checks every customer-level API makes on it: type, bank,
 * permission. The gateway checks the consent's status, expiry and frequency; this service checks again what the
 * token itself proves, and object-level access (defence in depth).
 */
@NullMarked
package dev.sceneway.products.consent;

import org.jspecify.annotations.NullMarked;
