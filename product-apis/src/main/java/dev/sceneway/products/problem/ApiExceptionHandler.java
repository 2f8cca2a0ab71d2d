package dev.sceneway.products.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every exception that reaches Spring MVC into a catalogue problem; nothing else leaves as an error body. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static final String INTERNAL_ERROR_DETAIL = "Something went wrong on our side; the error has been logged.";

    @ExceptionHandler
    ResponseEntity<Problem> problem(ProblemException ex, HttpServletRequest request) {
        return respond(ex.type(), ex.detail(), request, HttpHeaders.EMPTY);
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Problem> noHandler(Exception ex, HttpServletRequest request) {
        return respond(ProblemType.NOT_FOUND, "There is no resource at this path.", request, HttpHeaders.EMPTY);
    }

    @ExceptionHandler
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
        String detail = "Method " + ex.getMethod() + " is not supported here"
                + (ex.getSupportedHttpMethods() == null ? "." : "; use " + ex.getSupportedHttpMethods() + ".");
        return respond(ProblemType.METHOD_NOT_ALLOWED, detail, request, ex.getHeaders());
    }

    @ExceptionHandler
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException ex, HttpServletRequest request) {
        return respond(ProblemType.BAD_REQUEST, "Parameter '" + ex.getParameterName() + "' is required.", request,
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler
    ResponseEntity<Problem> typeMismatch(TypeMismatchException ex, HttpServletRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        String expected = ex.getRequiredType() == Integer.class ? " must be an integer." : " is malformed.";
        return respond(ProblemType.BAD_REQUEST, "Parameter '" + field + "'" + expected, request, HttpHeaders.EMPTY);
    }

    /** A body that is not JSON, or not of the operation's shape (a wrong type, an unknown enum value). */
    @ExceptionHandler
    ResponseEntity<Problem> unreadableBody(HttpMessageNotReadableException ex, HttpServletRequest request) {
        log.debug("Unreadable request body: {}", ex.getMessage());
        return respond(ProblemType.BAD_REQUEST, "The request body is not valid JSON of the shape this operation takes.",
                request, HttpHeaders.EMPTY);
    }

    /** A body that breaks the spec's constraints (required fields, patterns); the detail names each field. */
    @ExceptionHandler
    ResponseEntity<Problem> invalidBody(MethodArgumentNotValidException ex, HttpServletRequest request) {
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> "Field '" + error.getField() + "' " + error.getDefaultMessage() + ".")
                .sorted()
                .collect(Collectors.joining(" "));
        return respond(ProblemType.BAD_REQUEST, detail.isEmpty() ? "The request body is not valid." : detail, request,
                HttpHeaders.EMPTY);
    }

    /**
     * The constraints the generated API interfaces carry from the spec ({@code minimum}, {@code pattern}, ...),
     * checked by method validation before the controller runs. The detail names each parameter (the last node of
     * the violation's path is the parameter's name) and the rule it broke.
     */
    @ExceptionHandler
    ResponseEntity<Problem> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        String detail = ex.getConstraintViolations().stream()
                .map(violation -> "Parameter '" + parameterName(violation) + "' " + violation.getMessage() + ".")
                .sorted()
                .collect(Collectors.joining(" "));
        return respond(ProblemType.BAD_REQUEST, detail, request, HttpHeaders.EMPTY);
    }

    private static String parameterName(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            name = String.valueOf(node.getName());
        }
        return name;
    }

    /**
     * Other framework rejections that know their 4xx status (406, 415, ...) get the catalogue entry for that
     * status; everything else is unexpected. CAUTION: the cause goes to the log only; the client sees a generic
     * detail (no class names, no traces).
     */
    @ExceptionHandler
    ResponseEntity<Problem> unexpected(Exception ex, HttpServletRequest request) {
        if (ex instanceof ErrorResponse rejection && rejection.getStatusCode().is4xxClientError()) {
            log.debug("Request rejected by the framework: {}", rejection.getBody().getDetail());
            ProblemType type = ProblemType.forStatus(rejection.getStatusCode().value());
            return respond(type, "The request cannot be served as sent.", request, HttpHeaders.EMPTY);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(ProblemType.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL, request, HttpHeaders.EMPTY);
    }

    private static ResponseEntity<Problem> respond(ProblemType type, String detail, HttpServletRequest request,
            HttpHeaders headers) {
        return ResponseEntity.status(type.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(type.toProblem(detail, request.getRequestURI()));
    }
}
