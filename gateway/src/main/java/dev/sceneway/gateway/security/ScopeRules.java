package dev.sceneway.gateway.security;

import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scopes an endpoint needs beyond a valid token. Both the authorization rules and the 403 challenge read
 * this list, so the {@code scope} named in {@code WWW-Authenticate} is always the one that was checked.
 */
final class ScopeRules {

    /** One path pattern (Spring {@link PathPattern} syntax) and the scope it requires, for every method. */
    record Rule(String pathPattern, String scope, PathPattern parsed) {

        Rule(String pathPattern, String scope) {
            this(pathPattern, scope, PathPatternParser.defaultInstance.parse(pathPattern));
        }

        boolean matches(PathContainer path) {
            return parsed.matches(path);
        }
    }

    static final List<Rule> RULES = List.of(
            // Product catalogue (read-only); product-apis checks the same scope again.
            new Rule("/v1/banks/*/credit/products/**", "products"),
            // Quotes (computed, nothing stored): partner-level like the catalogue.
            new Rule("/v1/banks/*/credit/quotes", "products"),
            // Admin APIs: tenancy (banks, routes, partner plans) and usage (GET /admin/usage) for the portal, the
            // banks' back offices and billing.
            new Rule("/admin/**", "admin"));

    private ScopeRules() {
    }

    static Optional<Rule> forPath(PathContainer path) {
        return RULES.stream().filter(rule -> rule.matches(path)).findFirst();
    }
}
