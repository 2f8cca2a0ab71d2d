package dev.sceneway.auth.journey;

import dev.sceneway.auth.consent.ConsentStateException;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.consent.PaymentTerms;
import dev.sceneway.auth.customer.CustomerDirectory;
import dev.sceneway.auth.customer.CustomerLoginProperties.Account;
import dev.sceneway.auth.fapi.PushedRequests;
import dev.sceneway.auth.fapi.PushedRequests.PushedRequest;
import dev.sceneway.auth.page.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The consent screen: what the partner asks, in the customer's words, and the customer's accounts at that bank to
 * pick. Allow calls {@link CustomerConsents#authorise}, Deny {@link CustomerConsents#reject}; either way the decision
 * is recorded on the pushed request and the browser goes back to the authorization endpoint, where the consent gate
 * issues the code or sends {@code access_denied} to the partner. A consent that no longer awaits authorisation is
 * never shown or decided here: the browser goes back to the authorization endpoint, which tells the partner.
 */
@RestController
class ConsentPage {

    static final String APPROVE = "approve";
    static final String DENY = "deny";

    private final Pages pages;
    private final ConsentTexts texts;
    private final PushedRequests pushedRequests;
    private final CustomerConsents consents;
    private final CustomerDirectory directory;

    ConsentPage(Pages pages, ConsentTexts texts, PushedRequests pushedRequests, CustomerConsents consents,
            CustomerDirectory directory) {
        this.pages = pages;
        this.texts = texts;
        this.pushedRequests = pushedRequests;
        this.consents = consents;
        this.directory = directory;
    }

    @GetMapping(value = PushedRequests.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@RequestParam(name = OAuth2ParameterNames.CLIENT_ID, defaultValue = "") String clientId,
            @RequestParam(name = OAuth2ParameterNames.REQUEST_URI, defaultValue = "") String requestUri,
            Authentication customer, HttpServletRequest request) {
        Optional<PushedRequest> pushed = pending(clientId, requestUri);
        if (pushed.isEmpty()) {
            return unknown(request);
        }
        Optional<ConsentView> consent = awaiting(pushed.get());
        if (consent.isEmpty()) {
            return backToAuthorization(request, pushed.get());
        }
        return screen(request, HttpStatus.OK, pushed.get(), consent.get(), customer.getName(), null);
    }

    @PostMapping(value = PushedRequests.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> decide(@RequestParam(name = OAuth2ParameterNames.CLIENT_ID, defaultValue = "") String clientId,
            @RequestParam(name = OAuth2ParameterNames.REQUEST_URI, defaultValue = "") String requestUri,
            @RequestParam(name = "decision", defaultValue = "") String decision,
            @RequestParam(name = "account", required = false) @Nullable List<String> picked,
            Authentication customer, HttpServletRequest request) {
        Optional<PushedRequest> pushed = pending(clientId, requestUri);
        if (pushed.isEmpty()) {
            return unknown(request);
        }
        Optional<ConsentView> awaiting = awaiting(pushed.get());
        if (awaiting.isEmpty()) {
            return backToAuthorization(request, pushed.get());
        }
        ConsentView consent = awaiting.get();
        try {
            if (DENY.equals(decision)) {
                consents.reject(consent.id(), customer.getName());
            } else if (APPROVE.equals(decision)) {
                List<String> accounts = pickedAccounts(consent, customer.getName(), picked);
                if (accounts == null) {
                    return screen(request, HttpStatus.BAD_REQUEST, pushed.get(), consent, customer.getName(),
                            consent.type() == ConsentType.PAYMENT ? "consent.error.debtor" : "consent.error.accounts");
                }
                consents.authorise(consent.id(), customer.getName(), accounts);
            } else {
                return screen(request, HttpStatus.BAD_REQUEST, pushed.get(), consent, customer.getName(), null);
            }
        } catch (ConsentStateException e) {
            // Decided elsewhere, or expired meanwhile: the authorization endpoint tells the partner.
            return backToAuthorization(request, pushed.get());
        }
        pushedRequests.recordDecision(pushed.get(), customer.getName());
        return backToAuthorization(request, pushed.get());
    }

    /** The accounts this customer may pick for this consent: at its bank, and in the payment's currency. */
    private List<Account> offered(ConsentView consent, String customer) {
        PaymentTerms payment = consent.payment();
        return directory.accounts(customer, consent.bankId()).stream()
                .filter(account -> payment == null || account.currency().equals(payment.currency())).toList();
    }

    /** The picked accounts if they fit the consent's type (null if not): some, exactly one, or none. */
    private @Nullable List<String> pickedAccounts(ConsentView consent, String customer, @Nullable List<String> picked) {
        List<String> chosen = picked == null ? List.of() : List.copyOf(new LinkedHashSet<>(picked));
        List<String> allowed = offered(consent, customer).stream().map(Account::id).toList();
        return switch (consent.type()) {
            case ACCOUNT_ACCESS -> !chosen.isEmpty() && allowed.containsAll(chosen) ? chosen : null;
            case PAYMENT -> chosen.size() == 1 && allowed.containsAll(chosen) ? chosen : null;
            case CREDIT -> List.of();
        };
    }

    private Optional<PushedRequest> pending(String clientId, String requestUri) {
        return pushedRequests.find(requestUri)
                .filter(pushed -> pushed.clientId().equals(clientId) && pushed.consentId() != null);
    }

    private Optional<ConsentView> awaiting(PushedRequest pushed) {
        return consents.find(Objects.requireNonNull(pushed.consentId()))
                .filter(consent -> consent.partnerId().equals(pushed.clientId()))
                .filter(consent -> consent.status() == ConsentStatus.AWAITING_AUTHORISATION)
                .filter(consent -> pushed.decidedBy() == null);
    }

    private ResponseEntity<String> screen(HttpServletRequest request, HttpStatus status, PushedRequest pushed,
            ConsentView consent, String customer, @Nullable String errorKey) {
        String error = errorKey == null ? "" : "<p class=\"error\" role=\"alert\" id=\"consent-error\">"
                + pages.text(errorKey) + "</p>";
        String body = """
                    <p>%s</p>
                    %s
                    <dl>
                      <dt>%s</dt><dd id="partner">%s</dd>
                      <dt>%s</dt><dd id="bank">%s</dd>
                      <dt>%s</dt><dd id="type">%s</dd>
                    </dl>
                    <form method="post" action="%s">
                      <input type="hidden" name="client_id" value="%s">
                      <input type="hidden" name="request_uri" value="%s">
                      %s
                %s
                      <button type="submit" name="decision" value="%s">%s</button>
                      <button type="submit" name="decision" value="%s" formnovalidate>%s</button>
                    </form>
                """.formatted(pages.text("consent.intro", consent.partnerName(), texts.bank(consent.bankId())), error,
                pages.text("consent.partner"), Pages.escape(consent.partnerName()), pages.text("consent.bank"),
                texts.bank(consent.bankId()), pages.text("consent.type"), texts.type(consent),
                Pages.escape(request.getContextPath() + PushedRequests.CONSENT_PAGE), Pages.escape(pushed.clientId()),
                Pages.escape(pushed.requestUri()), Pages.csrfField(request), details(consent, customer, errorKey),
                APPROVE, pages.text("consent.approve"), DENY, pages.text("consent.deny"));
        String partnerOrigin = Pages.origin(pushed.redirectUri());
        return pages.render(request, status, "consent.title", body,
                partnerOrigin == null ? List.of() : List.of(partnerOrigin));
    }

    private String details(ConsentView consent, String customer, @Nullable String errorKey) {
        String described = errorKey == null ? "" : " aria-describedby=\"consent-error\"";
        List<Account> accounts = offered(consent, customer);
        return switch (consent.type()) {
            case ACCOUNT_ACCESS -> """
                      <h2>%s</h2>
                      %s
                      <dl>
                        <dt>%s</dt><dd id="expires">%s</dd>
                        <dt>%s</dt><dd id="frequency">%s</dd>
                      </dl>
                      <fieldset%s>
                        <legend>%s</legend>
                        <p>%s</p>
                        %s
                      </fieldset>
                    """.formatted(pages.text("consent.permissions"), texts.permissionList(consent),
                    pages.text("consent.expires"), consent.expiresAt() == null ? pages.text("consent.expires.never")
                            : texts.instant(consent.expiresAt()), pages.text("consent.frequency"),
                    consent.frequencyPerDay() == null ? pages.text("consent.frequency.unlimited")
                            : pages.text("consent.frequency.value", consent.frequencyPerDay()), described,
                    pages.text("consent.accounts"), pages.text("consent.accounts.hint"),
                    choices(accounts, "checkbox"));
            case PAYMENT -> {
                PaymentTerms payment = Objects.requireNonNull(consent.payment(), "a payment consent has terms");
                yield """
                          <dl>
                            <dt>%s</dt><dd id="amount">%s</dd>
                            <dt>%s</dt><dd id="creditor">%s</dd>
                            <dt>%s</dt><dd id="creditor-account">%s</dd>
                            <dt>%s</dt><dd id="reference">%s</dd>
                          </dl>
                          <fieldset%s>
                            <legend>%s</legend>
                            %s
                          </fieldset>
                        """.formatted(pages.text("consent.amount"), texts.amount(payment),
                        pages.text("consent.creditor"), Pages.escape(payment.creditorName()),
                        pages.text("consent.creditor-account"), Pages.escape(payment.creditorAccount()),
                        pages.text("consent.reference"), Pages.escape(payment.reference()), described,
                        pages.text("consent.debtor"), choices(accounts, "radio"));
            }
            case CREDIT -> """
                      <h2>%s</h2>
                      %s
                      <dl><dt>%s</dt><dd id="expires">%s</dd></dl>
                    """.formatted(pages.text("consent.permissions"), texts.permissionList(consent),
                    pages.text("consent.expires"), consent.expiresAt() == null ? pages.text("consent.expires.never")
                            : texts.instant(consent.expiresAt()));
        };
    }

    /** One labelled checkbox or radio button per account; none offered → a note instead. */
    private String choices(List<Account> accounts, String kind) {
        if (accounts.isEmpty()) {
            return "<p class=\"error\">" + pages.text("consent.accounts.none") + "</p>";
        }
        return accounts.stream().map(account -> {
            String id = "account-" + Pages.escape(account.id());
            return "<div class=\"choice\"><input type=\"" + kind + "\" id=\"" + id + "\" name=\"account\" value=\""
                    + Pages.escape(account.id()) + "\"" + ("radio".equals(kind) ? " required" : "") + "><label for=\""
                    + id + "\">" + Pages.escape(account.name()) + " · " + Pages.escape(account.id()) + " ("
                    + Pages.escape(account.currency()) + ")</label></div>";
        }).collect(Collectors.joining("\n"));
    }

    private ResponseEntity<String> unknown(HttpServletRequest request) {
        return pages.render(request, HttpStatus.BAD_REQUEST, "consent.unknown.title",
                "<p>" + pages.text("consent.unknown.text") + "</p>");
    }

    private static ResponseEntity<String> backToAuthorization(HttpServletRequest request, PushedRequest pushed) {
        URI target = UriComponentsBuilder.fromPath(request.getContextPath() + "/oauth2/authorize")
                .queryParam(OAuth2ParameterNames.CLIENT_ID, "{client}")
                .queryParam(OAuth2ParameterNames.REQUEST_URI, "{uri}")
                .encode().buildAndExpand(pushed.clientId(), pushed.requestUri()).toUri();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(target).build();
    }
}
