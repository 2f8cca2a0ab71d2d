package dev.sceneway.products.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which OAuth scope each API path needs, in one place: the authorization rules and the
 * {@code insufficient_scope} challenge (RFC 6750 section 3) both read it, so they cannot disagree.
 */
final class ScopePolicy {

    /** Paths matching {@code pathPattern} need {@code scope} in the token's space-delimited {@code scope} claim. */
    record Rule(String pathPattern, String scope) {

        RequestMatcher matcher() {
            return PathPatternRequestMatcher.pathPattern(pathPattern);
        }

        String authority() {
            return "SCOPE_" + scope;
        }
    }

    static final ScopePolicy API = new ScopePolicy(List.of(
            new Rule("/v1/banks/*/credit/products/**", "products"),
            new Rule("/v1/banks/*/credit/quotes", "products"),
            new Rule("/v1/banks/*/deposits/products", "products"),
            // Customer-level APIs: the consent the token carries is checked on top, by the feature (consent package).
            new Rule("/v1/banks/*/accounts/**", "accounts"),
            new Rule("/v1/banks/*/deposits/term-deposits/**", "accounts"),
            new Rule("/v1/banks/*/payments/**", "payments"),
            // Refunds are partner-level (the payment consent is consumed by then): the partner's own payments only.
            new Rule("/v1/banks/*/refunds/**", "payments"),
            new Rule("/v1/banks/*/credit/applications/**", "credit"),
            new Rule("/v1/banks/*/credit/agreements/**", "credit")));

    private final List<Rule> rules;

    ScopePolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (Rule rule : rules) {
            registry.requestMatchers(rule.matcher()).hasAuthority(rule.authority());
        }
    }

    Optional<String> requiredScope(HttpServletRequest request) {
        return rules.stream().filter(rule -> rule.matcher().matches(request)).map(Rule::scope).findFirst();
    }
}
