/**
 * What "the same request" means for an idempotency key: a fingerprint of the request's fields, stored with the key
 * and compared on every repeat.
 */
@NullMarked
package dev.sceneway.products.idempotency;

import org.jspecify.annotations.NullMarked;
