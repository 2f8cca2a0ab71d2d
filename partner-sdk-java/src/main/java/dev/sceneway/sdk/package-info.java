/**
 * The hand-written part of the Sceneway partner SDK: client_credentials tokens, cached and refreshed, signed onto every
 * call of the client generated from the OpenAPI spec ({@code dev.sceneway.sdk.generated}).
 */
@NullMarked
package dev.sceneway.sdk;

import org.jspecify.annotations.NullMarked;
