/**
 * The one-command sandbox: real PostgreSQL and Redis (embedded binaries unless external servers are named), then
 * auth-server, gateway and one product-apis per bank, each in its own JVM, as an operator would run them.
 */
@NullMarked
package dev.sceneway.sandbox;

import org.jspecify.annotations.NullMarked;
