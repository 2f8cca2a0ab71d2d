/**
 * RFC 9457 problem details for every error of this service outside the OAuth endpoints, from one catalogue.
 */
@NullMarked
package dev.sceneway.auth.problem;

import org.jspecify.annotations.NullMarked;
