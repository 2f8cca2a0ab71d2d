package dev.sceneway.gateway.problem;

/** The RFC 9457 members the gateway sends, in the order a reader expects them. */
record ProblemBody(String type, String title, int status, String detail, String instance) {

    static ProblemBody of(GatewayProblem problem, String detail, String instance) {
        return new ProblemBody(problem.type().toString(), problem.title(), problem.status().value(), detail, instance);
    }
}
