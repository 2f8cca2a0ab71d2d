/**
 * Sceneway auth-server: issues access tokens (RFC 9068 JWTs) to partner apps with the OAuth 2.0
 * client_credentials grant. Features: {@code server} (endpoints and their security), {@code token} (token
 * shape and storage), {@code key} (signing keys at rest), {@code client} (registered partner apps),
 * {@code problem} (RFC 9457 error catalogue).
 */
@NullMarked
package dev.sceneway.auth;

import org.jspecify.annotations.NullMarked;
