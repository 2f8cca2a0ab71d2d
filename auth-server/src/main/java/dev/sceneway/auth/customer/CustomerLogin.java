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
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How a customer is handed to the login (password, then one-time code) and gets back: an unauthenticated
 * authorization request or dashboard visit is saved in the session and redirected to {@code /login}; after the code
 * step the customer is sent back to it. Only those GET requests are ever saved, so no other URL can be the target of
 * that redirect.
 */
public final class CustomerLogin {

    public static final String LOGIN_PATH = "/login";
    public static final String CODE_PATH = "/login/code";
    public static final String LOGOUT_PATH = "/logout";
    /** Where a customer lands after logging in when no authorization request is waiting. */
    public static final String DASHBOARD_PATH = "/account/consents";

    private CustomerLogin() {
    }

    /** Saves only GET authorization requests and dashboard visits, without Spring's extra {@code continue} parameter. */
    public static RequestCache requestCache() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/oauth2/authorize"),
                paths.matcher(HttpMethod.GET, DASHBOARD_PATH)));
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
