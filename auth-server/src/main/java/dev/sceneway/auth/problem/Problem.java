package dev.sceneway.auth.problem;

/**
 * An RFC 9457 problem details body: exactly the members of the contract, in its order.
 *
 * @param type URI of the problem type ({@code https://sceneway.dev/problems/<slug>})
 * @param title short summary of the type
 * @param status HTTP status code
 * @param detail explanation of this occurrence; never internal details
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static Problem of(ProblemType type, String detail, String path) {
        return new Problem(type.type().toString(), type.title(), type.status(), detail, path);
    }

    public static Problem of(ProblemType type, String path) {
        return of(type, type.detail(), path);
    }
}
