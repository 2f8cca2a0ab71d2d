/** RFC 9457 problem+json responses from one catalogue of problem types. */
@NullMarked
package dev.sceneway.products.problem;

import org.jspecify.annotations.NullMarked;
