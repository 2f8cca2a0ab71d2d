package dev.sceneway.auth.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How the authorization server's chain hands a customer to the login form and gets them back: an unauthenticated
 * authorization request is saved in the session and redirected to {@code /login}; after login the customer is
 * sent back to it. Only authorization requests are ever saved, so no other URL can be the target of that redirect.
 */
public final class CustomerLogin {

    public static final String LOGIN_PATH = "/login";

    private CustomerLogin() {
    }

    /** Saves only GET authorization requests, without Spring's extra {@code continue} parameter. */
    public static RequestCache requestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorize"));
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** The login form for the authorization endpoint, {@code otherwise} for every other endpoint of the chain. */
    public static AuthenticationEntryPoint entryPoint(RequestMatcher authorizationEndpoint,
            AuthenticationEntryPoint otherwise) {
        AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(LOGIN_PATH);
        return new AuthenticationEntryPoint() {
            @Override
            public void commence(HttpServletRequest request, HttpServletResponse response,
                    org.springframework.security.core.AuthenticationException e) throws IOException,
                    jakarta.servlet.ServletException {
                (authorizationEndpoint.matches(request) ? login : otherwise).commence(request, response, e);
            }
        };
    }
}
