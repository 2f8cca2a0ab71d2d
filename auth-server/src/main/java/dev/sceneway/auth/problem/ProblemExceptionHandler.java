package dev.sceneway.auth.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every exception that reaches Spring MVC into a problem from the catalogue. Framework exceptions that carry
 * an HTTP status ({@link ErrorResponse}: unknown path, wrong method, ...) keep it; anything else is a 500 whose
 * cause is logged and never returned.
 */
@RestControllerAdvice
class ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        String detail = e.getSupportedHttpMethods() == null ? ProblemType.METHOD_NOT_ALLOWED.detail()
                : request.getMethod() + " is not supported here; use " + String.join(", ",
                        e.getSupportedHttpMethods().stream().map(Object::toString).toList()) + ".";
        return ProblemResponses.entity(Problem.of(ProblemType.METHOD_NOT_ALLOWED, detail, request.getRequestURI()),
                e.getHeaders());
    }

    /** A body that is not the JSON an endpoint reads is the caller's mistake: 400, never the parser's message. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        log.debug("{} {}: unreadable body: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ProblemResponses.entity(Problem.of(ProblemType.BAD_REQUEST,
                "The request body is not the JSON document this endpoint reads.", request.getRequestURI()),
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> any(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response && !response.getStatusCode().is5xxServerError()) {
            ProblemType type = ProblemType.forStatus(response.getStatusCode().value());
            return ProblemResponses.entity(Problem.of(type, request.getRequestURI()), response.getHeaders());
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ProblemResponses.entity(Problem.of(ProblemType.INTERNAL_ERROR, request.getRequestURI()),
                HttpHeaders.EMPTY);
    }
}
