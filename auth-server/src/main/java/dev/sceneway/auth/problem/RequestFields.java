package dev.sceneway.auth.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.core.JacksonException;

/**
 * Names the request field or parameter that broke a rule, for the {@code detail} of a 400 problem ("detail names the
 * field", common.yaml): partners fix their request from the detail alone. Messages are the validators' standard
 * ones, never a value the caller sent.
 */
final class RequestFields {

    private RequestFields() {
    }

    static String describe(BindingResult result) {
        return result.getFieldErrors().stream()
                .map(error -> "Field '" + normalise(error.getField()) + "' " + message(error) + ".")
                .sorted().distinct().collect(Collectors.joining(" "));
    }

    static String describe(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(violation -> "Parameter '" + lastNode(violation) + "' " + violation.getMessage() + ".")
                .sorted().distinct().collect(Collectors.joining(" "));
    }

    static String describe(HandlerMethodValidationException e) {
        return e.getParameterValidationResults().stream()
                .flatMap(result -> {
                    String name = result.getMethodParameter().getParameterName();
                    RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
                    String shown = header != null && !header.value().isEmpty() ? header.value() : name;
                    return result.getResolvableErrors().stream()
                            .map(error -> "Parameter '" + shown + "' " + error.getDefaultMessage() + ".");
                })
                .sorted().distinct().collect(Collectors.joining(" "));
    }

    /** {@code permissions[1]} for the second element of {@code permissions}; empty when the parser knows no path. */
    static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String message(MessageSourceResolvable error) {
        return error instanceof FieldError field && field.isBindingFailure() ? "is malformed"
                : String.valueOf(error.getDefaultMessage());
    }

    /** Bean validation reports list elements as {@code permissions[0].<list element>}; keep {@code permissions[0]}. */
    private static String normalise(String field) {
        return field.replace(".<list element>", "");
    }

    private static String lastNode(ConstraintViolation<?> violation) {
        return Stream.of(violation.getPropertyPath()).flatMap(path -> {
            String name = "";
            for (Path.Node node : path) {
                name = String.valueOf(node.getName());
            }
            return Stream.of(name);
        }).findFirst().orElse("");
    }
}
