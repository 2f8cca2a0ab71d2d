package dev.sceneway.auth.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

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

    /**
     * A body that is not the JSON an endpoint reads is the caller's mistake: 400, never the parser's message. When the
     * parser knows which member was wrong (an unknown enum value, a string for a number), the detail names it.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        log.debug("{} {}: unreadable body: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        String field = e.getCause() instanceof JacksonException json ? RequestFields.jsonPath(json) : "";
        String detail = field.isEmpty() ? "The request body is not the JSON document this endpoint reads."
                : "Field '" + field + "' has a value this endpoint does not accept.";
        return ProblemResponses.entity(Problem.of(ProblemType.BAD_REQUEST, detail, request.getRequestURI()),
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Problem> problem(ProblemException e, HttpServletRequest request) {
        return ProblemResponses.entity(Problem.of(e.type(), e.detail(), request.getRequestURI()), e.headers());
    }

    /** Bean validation of a request body (the constraints generated from the spec): the detail names each field. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Problem> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        return badRequest(RequestFields.describe(e.getBindingResult()), request);
    }

    /** Method validation of parameters (path, headers) by Spring MVC or by the {@code @Validated} API interface. */
    @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class})
    ResponseEntity<Problem> invalidParameter(Exception e, HttpServletRequest request) {
        return badRequest(e instanceof ConstraintViolationException violations ? RequestFields.describe(violations)
                : RequestFields.describe((HandlerMethodValidationException) e), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Problem> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return badRequest("Header '" + e.getHeaderName() + "' is required.", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return badRequest("Parameter '" + e.getName() + "' is malformed.", request);
    }

    private static ResponseEntity<Problem> badRequest(String detail, HttpServletRequest request) {
        return ProblemResponses.entity(Problem.of(ProblemType.BAD_REQUEST, detail, request.getRequestURI()),
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
