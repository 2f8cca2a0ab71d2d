package dev.sceneway.auth.customer;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The customer login form: plain server-rendered HTML, no script, posting to Spring Security's form login with the
 * session's CSRF token. Minimal on purpose; a later issue adds a second factor and the consent screen.
 */
@RestController
class LoginPage {

    @GetMapping(value = CustomerLogin.LOGIN_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> loginPage(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean failed = request.getParameter("error") != null;
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in to your bank</title>
                  <style>
                    body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
                    label, input, button { display: block; width: 100%%; box-sizing: border-box; }
                    input { margin: .25rem 0 1rem; padding: .5rem; }
                    button { padding: .6rem; }
                    .error { color: #a00; }
                  </style>
                </head>
                <body>
                  <main>
                    <h1>Sign in</h1>
                    %s
                    <form method="post" action="%s">
                      <label for="username">Username</label>
                      <input id="username" name="username" autocomplete="username" required autofocus>
                      <label for="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required>
                      <input type="hidden" name="%s" value="%s">
                      <button type="submit">Sign in</button>
                    </form>
                  </main>
                </body>
                </html>
                """.formatted(failed ? "<p class=\"error\" role=\"alert\">Wrong username or password.</p>" : "",
                HtmlUtils.htmlEscape(request.getContextPath() + CustomerLogin.LOGIN_PATH),
                HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(html);
    }
}
