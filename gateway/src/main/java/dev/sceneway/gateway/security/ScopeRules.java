package dev.sceneway.gateway.security;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scopes an endpoint needs beyond a valid token. Both the authorization rules and the 403 challenge read
 * this list, so the {@code scope} named in {@code WWW-Authenticate} is always the one that was checked. The first
 * rule that matches decides. Customer-level endpoints (accounts, payments, credit applications) also need a consent
 * of the right kind: {@code consent.ConsentEndpoints}.
 */
final class ScopeRules {

    /**
     * One path pattern (Spring {@link PathPattern} syntax), optionally one method, and the scopes of which the
     * token needs at least one.
     */
    record Rule(@Nullable HttpMethod method, String pathPattern, List<String> scopes, PathPattern parsed) {

        Rule(String pathPattern, String scope) {
            this(null, pathPattern, List.of(scope));
        }

        Rule(@Nullable HttpMethod method, String pathPattern, List<String> scopes) {
            this(method, pathPattern, List.copyOf(scopes), PathPatternParser.defaultInstance.parse(pathPattern));
        }

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && parsed.matches(path);
        }

        /** For the challenge (RFC 6750 §3: space-delimited). */
        String scope() {
            return String.join(" ", scopes);
        }
    }

    private static final List<String> ANY_CONSENT_SCOPE = List.of("accounts", "payments", "credit");

    static final List<Rule> RULES = List.of(
            // Product catalogue (read-only); product-apis checks the same scope again.
            new Rule("/v1/banks/*/credit/products/**", "products"),
            // Quotes (computed, nothing stored): partner-level like the catalogue.
            new Rule("/v1/banks/*/credit/quotes", "products"),
            new Rule("/v1/banks/*/deposits/products", "products"),
            // Customer-level APIs, each under a consent of its type (whose scope names the same word).
            new Rule("/v1/banks/*/credit/applications/**", "credit"),
            new Rule("/v1/banks/*/credit/agreements/**", "credit"),
            new Rule("/v1/banks/*/accounts/**", "accounts"),
            // Term deposits act on consented accounts: account-access consent, permission open-term-deposits.
            new Rule("/v1/banks/*/deposits/term-deposits/**", "accounts"),
            new Rule("/v1/banks/*/payments/**", "payments"),
            // Refunds: partner-level (no consent: the payment consent is consumed by then); product-apis refunds
            // only the partner's own payments to merchants.
            new Rule("/v1/banks/*/refunds/**", "payments"),
            // Consents (served by the auth-server): creating one needs its type's scope; reading or revoking one
            // needs any consent scope (the auth-server answers 404 for another partner's consent).
            new Rule(HttpMethod.POST, "/v1/banks/*/consents/account-access", List.of("accounts")),
            new Rule(HttpMethod.POST, "/v1/banks/*/consents/payment", List.of("payments")),
            new Rule(HttpMethod.POST, "/v1/banks/*/consents/credit", List.of("credit")),
            new Rule(null, "/v1/banks/*/consents/**", ANY_CONSENT_SCOPE),
            // Admin APIs: tenancy (banks, routes, partner plans) and usage (GET /admin/usage) for the portal, the
            // banks' back offices and billing.
            new Rule("/admin/**", "admin"));

    private ScopeRules() {
    }

    static Optional<Rule> forRequest(HttpMethod method, PathContainer path) {
        return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }
}
