package dev.sceneway.auth.journey;

import dev.sceneway.auth.consent.ConsentStateException;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.customer.CustomerLogin;
import dev.sceneway.auth.page.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's dashboard: every consent the customer decided, across partners and banks, newest first, with a
 * Revoke button (a CSRF-protected POST) on the active ones. After a revocation the page is loaded again (POST,
 * redirect, GET) with a notice.
 */
@RestController
class ConsentDashboard {

    private static final String NOTICE = "notice";

    private final Pages pages;
    private final ConsentTexts texts;
    private final CustomerConsents consents;

    ConsentDashboard(Pages pages, ConsentTexts texts, CustomerConsents consents) {
        this.pages = pages;
        this.texts = texts;
        this.consents = consents;
    }

    @GetMapping(value = CustomerLogin.DASHBOARD_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> list(Authentication customer, HttpServletRequest request) {
        List<ConsentView> mine = consents.ofCustomer(customer.getName());
        String notice = switch (String.valueOf(request.getParameter(NOTICE))) {
            case "revoked" -> "<p class=\"notice\" role=\"status\">" + pages.text("dashboard.revoked") + "</p>";
            case "conflict" -> "<p class=\"error\" role=\"alert\">" + pages.text("dashboard.revoke.conflict") + "</p>";
            case "not-found" -> "<p class=\"error\" role=\"alert\">" + pages.text("dashboard.not-found") + "</p>";
            default -> "";
        };
        String table = mine.isEmpty() ? "<p>" + pages.text("dashboard.empty") + "</p>" : """
                    <table>
                      <thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col"><span class="visually-hidden">%s</span></th></tr></thead>
                      <tbody>
                %s
                      </tbody>
                    </table>
                """.formatted(pages.text("dashboard.partner"), pages.text("dashboard.bank"),
                pages.text("dashboard.type"), pages.text("dashboard.what"), pages.text("dashboard.status"),
                pages.text("dashboard.dates"), pages.text("dashboard.revoke"),
                mine.stream().map(consent -> row(consent, request)).collect(Collectors.joining("\n")));
        String body = """
                    <p>%s</p>
                    %s
                %s
                    <form method="post" action="%s">%s<button type="submit">%s</button></form>
                """.formatted(pages.text("dashboard.intro"), notice, table,
                Pages.escape(request.getContextPath() + CustomerLogin.LOGOUT_PATH), Pages.csrfField(request),
                pages.text("dashboard.logout"));
        return pages.render(request, HttpStatus.OK, "dashboard.title", body);
    }

    @PostMapping(CustomerLogin.DASHBOARD_PATH + "/{consentId}/revoke")
    ResponseEntity<Void> revoke(@PathVariable String consentId, Authentication customer, HttpServletRequest request) {
        String outcome;
        if (!isUuid(consentId)) {
            outcome = "not-found";
        } else {
            try {
                consents.revokeByCustomer(consentId, customer.getName());
                outcome = "revoked";
            } catch (NoSuchElementException e) {
                outcome = "not-found";
            } catch (ConsentStateException e) {
                outcome = "conflict";
            }
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(request.getContextPath() + CustomerLogin.DASHBOARD_PATH + "?" + NOTICE + "="
                        + outcome))
                .build();
    }

    private String row(ConsentView consent, HttpServletRequest request) {
        String partner = Pages.escape(consent.partnerName());
        String revoke = consent.status() != ConsentStatus.AUTHORISED ? "" : """
                <form method="post" action="%s">%s<button type="submit" aria-label="%s">%s</button></form>"""
                .formatted(Pages.escape(request.getContextPath() + CustomerLogin.DASHBOARD_PATH + "/" + consent.id()
                                + "/revoke"), Pages.csrfField(request),
                        pages.text("dashboard.revoke.label", consent.partnerName(), pages.raw("bank." + consent.bankId())),
                        pages.text("dashboard.revoke"));
        String dates = pages.text("dashboard.created", texts.instant(consent.createdAt()))
                + (consent.expiresAt() == null ? "" : "<br>" + pages.text("dashboard.expires",
                texts.instant(consent.expiresAt())));
        return """
                        <tr data-consent="%s"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class="status">%s</td><td>%s</td><td>%s</td></tr>"""
                .formatted(Pages.escape(consent.id()), partner, texts.bank(consent.bankId()), texts.type(consent),
                        what(consent), texts.status(consent), dates, revoke);
    }

    private String what(ConsentView consent) {
        String accounts = consent.accounts().isEmpty() ? ""
                : pages.text("dashboard.accounts", String.join(", ", consent.accounts()));
        if (consent.payment() != null) {
            var payment = consent.payment();
            return pages.text("dashboard.payment", payment.amount().toPlainString(), payment.currency(),
                    payment.creditorName(), payment.reference()) + (accounts.isEmpty() ? "" : "<br>" + accounts);
        }
        return texts.permissionList(consent) + accounts;
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
