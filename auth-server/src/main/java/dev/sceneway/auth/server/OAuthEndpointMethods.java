package dev.sceneway.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authorization server's filters only match their endpoint's method; any other method on those paths lands
 * here and gets 405 with {@code Allow} instead of a misleading 404 (a newcomer's {@code curl} of the token endpoint
 * is a GET).
 */
@RestController
class OAuthEndpointMethods {

    @RequestMapping({"/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"})
    void postOnly(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), Set.of(HttpMethod.POST.name()));
    }

    @RequestMapping({"/oauth2/jwks", "/.well-known/oauth-authorization-server"})
    void getOnly(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), Set.of(HttpMethod.GET.name()));
    }
}
