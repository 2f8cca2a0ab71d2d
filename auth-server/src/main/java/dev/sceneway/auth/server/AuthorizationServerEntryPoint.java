package dev.sceneway.auth.server;

import dev.sceneway.auth.problem.Problem;
import dev.sceneway.auth.problem.ProblemResponses;
import dev.sceneway.auth.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Answers requests to the authorization server's endpoints that arrive without authentication. Endpoints that
 * authenticate the client (token, introspection, revocation) answer {@code invalid_client} as RFC 6749 section 5.2
 * requires; the others answer the catalogue's {@code authentication-required} problem.
 */
final class AuthorizationServerEntryPoint implements AuthenticationEntryPoint {

    private final RequestMatcher clientAuthenticatedEndpoints;
    private final ProblemResponses problems;
    private final OAuth2ErrorHttpMessageConverter oauth2Errors = new OAuth2ErrorHttpMessageConverter();

    AuthorizationServerEntryPoint(RequestMatcher clientAuthenticatedEndpoints, ProblemResponses problems) {
        this.clientAuthenticatedEndpoints = clientAuthenticatedEndpoints;
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (clientAuthenticatedEndpoints.matches(request)) {
            ServletServerHttpResponse out = new ServletServerHttpResponse(response);
            out.setStatusCode(HttpStatus.UNAUTHORIZED);
            oauth2Errors.write(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", null),
                    null, out);
        } else {
            problems.write(Problem.of(ProblemType.AUTHENTICATION_REQUIRED, request.getRequestURI()), response);
        }
    }
}
