package dev.sceneway.auth.customer;

import dev.sceneway.auth.page.Pages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer login form, first step (the password): plain server-rendered HTML, no script, posting to Spring
 * Security's form login with the session's CSRF token. The one-time code follows on {@link CodePage}.
 */
@RestController
class LoginPage {

    private final Pages pages;

    LoginPage(Pages pages) {
        this.pages = pages;
    }

    @GetMapping(value = CustomerLogin.LOGIN_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> loginPage(HttpServletRequest request) {
        String error = request.getParameter("error");
        String message = error == null ? ""
                : "<p class=\"error\" role=\"alert\">" + pages.text("attempts".equals(error) ? "login.error.attempts"
                        : "login.error.password") + "</p>";
        if (request.getParameter("logout") != null) {
            message = "<p class=\"notice\" role=\"status\">" + pages.text("login.logged-out") + "</p>";
        }
        String body = """
                    %s
                    <form method="post" action="%s">
                      <label for="username">%s</label>
                      <input id="username" name="username" autocomplete="username" required autofocus>
                      <label for="password">%s</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required>
                      %s
                      <button type="submit">%s</button>
                    </form>
                """.formatted(message, Pages.escape(request.getContextPath() + CustomerLogin.LOGIN_PATH),
                pages.text("login.username"), pages.text("login.password"), Pages.csrfField(request),
                pages.text("login.submit"));
        return pages.render(request, HttpStatus.OK, "login.title", body);
    }
}
