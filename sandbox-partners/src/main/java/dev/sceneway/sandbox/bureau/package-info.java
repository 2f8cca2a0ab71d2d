/** The sandbox's simulated credit bureau (WireMock) and its test personas. */
@NullMarked
package dev.sceneway.sandbox.bureau;

import org.jspecify.annotations.NullMarked;
