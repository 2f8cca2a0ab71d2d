package dev.sceneway.auth.problem;

/**
 * A request that ends in a catalogued problem, thrown by controllers and rendered by {@code ProblemExceptionHandler}.
 * The detail is shown to the caller: never put internal details in it.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;

    public ProblemException(ProblemType type, String detail) {
        super(type.name() + ": " + detail);
        this.type = type;
        this.detail = detail;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }
}
