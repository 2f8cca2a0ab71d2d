package dev.sceneway.products.security;

import dev.sceneway.products.problem.ProblemType;
import dev.sceneway.products.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code insufficient-scope} as problem+json, naming the missing scope in the challenge (RFC 6750 section 3). */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter problems;
    private final ScopePolicy scopes;

    ProblemAccessDeniedHandler(ProblemWriter problems, ScopePolicy scopes) {
        this.problems = problems;
        this.scopes = scopes;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        Optional<String> scope = scopes.requiredScope(request);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""
                + scope.map(s -> ", scope=\"" + s + "\"").orElse(""));
        problems.write(request, response, ProblemType.INSUFFICIENT_SCOPE, scope
                .map(s -> "This API needs an access token with scope '" + s + "'.")
                .orElse("The access token does not allow this request."));
    }
}
