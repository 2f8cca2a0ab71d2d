package dev.sceneway.auth.customer;

import dev.sceneway.auth.fapi.PushedRequests;
import dev.sceneway.auth.page.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second step of the login: the one-time code from the customer's authenticator app (RFC 6238). Only a right,
 * unused code makes the session's security context the customer's; a wrong one shows the form again, and after
 * {@code max-code-attempts} wrong ones the customer starts again at the password.
 */
@RestController
class CodePage {

    private static final Logger log = LoggerFactory.getLogger(CodePage.class);

    private final Pages pages;
    private final CustomerDirectory directory;
    private final UsedCodes usedCodes;
    private final Clock clock;
    private final int maxAttempts;
    private final PushedRequests pushedRequests;
    private final RequestCache requestCache = CustomerLogin.requestCache();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    CodePage(Pages pages, CustomerDirectory directory, UsedCodes usedCodes, Clock clock,
            CustomerLoginProperties properties, PushedRequests pushedRequests) {
        this.pages = pages;
        this.directory = directory;
        this.usedCodes = usedCodes;
        this.clock = clock;
        this.maxAttempts = properties.maxCodeAttempts();
        this.pushedRequests = pushedRequests;
    }

    @GetMapping(value = CustomerLogin.CODE_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> form(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PendingLogin.of(request.getSession(false)) == null) {
            response.sendRedirect(request.getContextPath() + CustomerLogin.LOGIN_PATH);
            return ResponseEntity.status(HttpStatus.FOUND).build();
        }
        return page(request, response, HttpStatus.OK, null);
    }

    @PostMapping(value = CustomerLogin.CODE_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        PendingLogin pending = PendingLogin.of(session);
        if (session == null || pending == null) {
            response.sendRedirect(request.getContextPath() + CustomerLogin.LOGIN_PATH);
            return ResponseEntity.status(HttpStatus.FOUND).build();
        }
        String typed = code.strip().replace(" ", "");
        Optional<byte[]> key = directory.totpSecret(pending.username()).map(Totp::base32);
        OptionalLong step = key.isEmpty() ? OptionalLong.empty() : Totp.matchingStep(key.get(), typed, clock.instant());
        boolean accepted;
        try {
            accepted = step.isPresent() && usedCodes.firstUse(pending.username(), step.getAsLong());
        } catch (RuntimeException e) {
            // Redis cannot say whether the code was used: refuse without counting it against the customer.
            log.warn("one-time code check unavailable: {}", e.toString());
            return page(request, response, HttpStatus.SERVICE_UNAVAILABLE, "login.code.unavailable");
        }
        if (!accepted) {
            int failures = pending.failures() + 1;
            if (failures >= maxAttempts) {
                PendingLogin.clear(session);
                response.sendRedirect(request.getContextPath() + CustomerLogin.LOGIN_PATH + "?error=attempts");
                return ResponseEntity.status(HttpStatus.FOUND).build();
            }
            new PendingLogin(pending.password(), failures).store(session);
            return page(request, response, HttpStatus.OK, "login.code.wrong");
        }
        PendingLogin.clear(session);
        // A new session id for the fully authenticated customer (session fixation, as after the password).
        request.changeSessionId();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(pending.password());
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        SavedRequest saved = requestCache.getRequest(request, response);
        response.sendRedirect(saved != null ? saved.getRedirectUrl()
                : request.getContextPath() + CustomerLogin.DASHBOARD_PATH);
        return ResponseEntity.status(HttpStatus.FOUND).build();
    }

    private ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            @Nullable String errorKey) {
        String error = errorKey == null ? "" : "<p class=\"error\" role=\"alert\" id=\"code-error\">"
                + pages.text(errorKey) + "</p>";
        String body = """
                    <p>%s</p>
                    %s
                    <form method="post" action="%s">
                      <label for="code">%s</label>
                      <input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus%s>
                      %s
                      <button type="submit">%s</button>
                    </form>
                    <p><a href="%s">%s</a></p>
                """.formatted(pages.text("login.code.intro"), error,
                Pages.escape(request.getContextPath() + CustomerLogin.CODE_PATH), pages.text("login.code.label"),
                errorKey == null ? "" : " aria-describedby=\"code-error\" aria-invalid=\"true\"",
                Pages.csrfField(request), pages.text("login.code.submit"),
                Pages.escape(request.getContextPath() + CustomerLogin.LOGIN_PATH), pages.text("login.code.restart"));
        return pages.render(request, status, "login.code.title", body, formTargets(request, response));
    }

    /** The partner's redirect URI, where the saved authorization request ends after this form's post. */
    private List<String> formTargets(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        return pushedRequests.fromAuthorizationUrl(saved == null ? null : saved.getRedirectUrl())
                .map(pushed -> Pages.origin(pushed.redirectUri())).stream().filter(java.util.Objects::nonNull)
                .toList();
    }
}
