package dev.sceneway.products.security;

import dev.sceneway.products.problem.ProblemType;
import dev.sceneway.products.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json with the RFC 6750 section 3 challenge: {@code token-missing} when no bearer token came,
 * {@code token-invalid} for any token that failed verification. The reason goes to the debug log only:
 * telling a caller which check failed helps forgers more than partners.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        if (ex instanceof OAuth2AuthenticationException invalid) {
            log.debug("Rejected bearer token on {}: {}", request.getRequestURI(), invalid.getMessage());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(request, response, ProblemType.TOKEN_INVALID,
                    "The access token is malformed, expired, not yet valid, or not issued for this API.");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(request, response, ProblemType.TOKEN_MISSING,
                "This API needs a bearer access token in the Authorization header.");
    }
}
