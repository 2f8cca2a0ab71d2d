package dev.sceneway.products.problem;

import java.net.URI;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}); built from {@link ProblemType} only.
 *
 * @param type     {@code https://sceneway.dev/problems/<slug>}
 * @param title    short summary of the type, the same for every occurrence
 * @param status   HTTP status code
 * @param detail   what went wrong in this occurrence; never a stack trace, class name or host name
 * @param instance the request path
 */
public record Problem(URI type, String title, int status, String detail, String instance) {
}
