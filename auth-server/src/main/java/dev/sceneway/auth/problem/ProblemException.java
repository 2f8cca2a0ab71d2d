package dev.sceneway.auth.problem;

import org.springframework.http.HttpHeaders;

/**
 * A request that ends in a catalogued problem, thrown by controllers and rendered by {@code ProblemExceptionHandler}.
 * The detail is shown to the caller: never put internal details in it.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final HttpHeaders headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, HttpHeaders.EMPTY);
    }

    /** With response headers, e.g. the {@code WWW-Authenticate} challenge of a 403 (RFC 6750 section 3). */
    public ProblemException(ProblemType type, String detail, HttpHeaders headers) {
        super(type.name() + ": " + detail);
        this.type = type;
        this.detail = detail;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    }

    public HttpHeaders headers() {
        return headers;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }
}
