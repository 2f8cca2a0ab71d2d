package dev.sceneway.products.interaction;

import dev.sceneway.products.problem.ProblemType;
import dev.sceneway.products.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The FAPI interaction id (FAPI 2.0 Security Profile, {@code x-fapi-interaction-id}): a caller's UUID is echoed,
 * a missing one is generated, a malformed one is a {@code bad-request} problem (which still carries a generated id).
 * The id is set on the response before anything else runs, so every answer carries it, including the 401/403 that
 * Spring Security writes and the problems of the container's error page; while the request runs it is in the SLF4J
 * MDC under {@value #MDC_KEY}, so every log line of the request can be found by it.
 */
final class InteractionIdFilter extends OncePerRequestFilter {

    static final String HEADER = "x-fapi-interaction-id";
    static final String MDC_KEY = "interactionId";
    /** Where the id of this request is kept, so the error dispatch (after the MDC was cleared) answers with it too. */
    static final String ATTRIBUTE = InteractionIdFilter.class.getName() + ".id";

    /**
     * The canonical 8-4-4-4-12 hex form ({@code format: uuid} in common.yaml). Stricter than
     * {@link UUID#fromString}, which also accepts forms such as {@code 1-1-1-1-1}.
     */
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ProblemWriter problems;

    InteractionIdFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String kept = request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
        String received = request.getHeader(HEADER);
        boolean malformed = kept == null && received != null && !UUID_FORM.matcher(received).matches();
        String id = kept != null ? kept : received != null && !malformed ? received : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            if (malformed) {
                problems.write(request, response, ProblemType.BAD_REQUEST,
                        "Header '" + HEADER + "' must be a UUID (8-4-4-4-12 hexadecimal digits).");
                return;
            }
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
