/**
 * Real PostgreSQL and Redis servers for the sandbox and the test suites: embedded server binaries
 * shipped in Maven packages by default, or external servers named by environment variables.
 */
@NullMarked
package dev.sceneway.infra;

import org.jspecify.annotations.NullMarked;
