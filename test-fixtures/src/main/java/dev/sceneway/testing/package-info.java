/**
 * Fixtures the services' test suites share, so each suite keeps only its own defaults and wiring.
 */
@NullMarked
package dev.sceneway.testing;

import org.jspecify.annotations.NullMarked;
