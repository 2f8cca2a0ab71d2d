/** Access to Sceneway's OpenAPI contracts from tests: every response the suites see is checked against them. */
@NullMarked
package dev.sceneway.openapi;

import org.jspecify.annotations.NullMarked;
