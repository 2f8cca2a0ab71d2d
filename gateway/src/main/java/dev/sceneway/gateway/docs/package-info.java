/** The public API documentation: Swagger UI at {@code /docs} and the OpenAPI specs at {@code /openapi/<name>.yaml}. */
@NullMarked
package dev.sceneway.gateway.docs;

import org.jspecify.annotations.NullMarked;
