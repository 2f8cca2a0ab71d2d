package dev.sceneway.auth.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * After a right password: the customer is remembered as pending (not logged in: the form login stores its
 * authentication only on the request) and sent to the one-time code step. Whoever was logged in on this session
 * before is logged out, so a half-finished login never runs under the previous customer's name.
 */
final class PasswordStep implements AuthenticationSuccessHandler {

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        var session = request.getSession();
        session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        new PendingLogin(authentication, 0).store(session);
        response.sendRedirect(request.getContextPath() + CustomerLogin.CODE_PATH);
    }
}
