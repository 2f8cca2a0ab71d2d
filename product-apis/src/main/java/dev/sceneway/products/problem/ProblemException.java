package dev.sceneway.products.problem;

/** Thrown by application code to answer with a catalogue problem; rendered by {@link ApiExceptionHandler}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The detail shown to the client. */
    public String detail() {
        return getMessage();
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    /** Malformed input; {@code detail} names the parameter or field. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }
}
