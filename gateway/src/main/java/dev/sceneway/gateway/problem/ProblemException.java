package dev.sceneway.gateway.problem;

import org.jspecify.annotations.Nullable;

/**
 * A failure that already knows which catalogue entry the partner sees; the {@link #detail()} is safe to
 * return, the cause is only logged.
 */
public class ProblemException extends RuntimeException {

    private final GatewayProblem problem;
    private final String detail;

    public ProblemException(GatewayProblem problem, String detail, @Nullable Throwable cause) {
        super(problem.slug() + ": " + detail, cause);
        this.problem = problem;
        this.detail = detail;
    }

    public GatewayProblem problem() {
        return problem;
    }

    public String detail() {
        return detail;
    }
}
