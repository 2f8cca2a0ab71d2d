package dev.sceneway.auth.customer;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * A customer who gave the right password but not yet the one-time code, kept in the session (never as the session's
 * security context, so nothing treats them as logged in), with the wrong codes tried so far.
 *
 * @param password the password step's authentication, which becomes the session's once the code is right
 * @param failures wrong codes so far
 */
record PendingLogin(Authentication password, int failures) implements Serializable {

    private static final String ATTRIBUTE = PendingLogin.class.getName();

    static @Nullable PendingLogin of(@Nullable HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof PendingLogin pending ? pending : null;
    }

    void store(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    static void clear(@Nullable HttpSession session) {
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    String username() {
        return password.getName();
    }
}
