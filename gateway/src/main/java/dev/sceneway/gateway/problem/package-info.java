/** RFC 9457 problem+json for every rejection the gateway itself makes: one catalogue, one writer, one error handler. */
@NullMarked
package dev.sceneway.gateway.problem;

import org.jspecify.annotations.NullMarked;
