package dev.sceneway.gateway.consent;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The enforcement map: which bank endpoints act for a customer, and under which consent. The scope each of them
 * also needs is checked earlier, by the security rules ({@code security.ScopeRules}); this map says which consent
 * type, permission and statuses the token's consent must have. An endpoint not listed needs no consent (the product
 * catalogue, quotes).
 */
final class ConsentEndpoints {

    static final String ACCOUNT_ACCESS = "account-access";
    static final String PAYMENT = "payment";
    static final String CREDIT = "credit";

    private static final Set<String> AUTHORISED = Set.of(ConsentSnapshot.AUTHORISED);
    /** A payment stays readable after the consent was used for it. */
    private static final Set<String> AUTHORISED_OR_CONSUMED =
            Set.of(ConsentSnapshot.AUTHORISED, ConsentSnapshot.CONSUMED);

    /**
     * One endpoint.
     *
     * @param method the method, or null for every method
     * @param pathPattern under {@code /v1/banks/{bankId}}, Spring {@link PathPattern} syntax
     * @param type the consent type it needs
     * @param permission the permission it needs, or null when the type alone decides (payments)
     * @param statuses the statuses under which the consent may be used here
     */
    record Requirement(@Nullable HttpMethod method, String pathPattern, String type, @Nullable String permission,
            Set<String> statuses, PathPattern parsed) {

        Requirement(@Nullable HttpMethod method, String pathPattern, String type, @Nullable String permission,
                Set<String> statuses) {
            this(method, pathPattern, type, permission, statuses,
                    PathPatternParser.defaultInstance.parse("/v1/banks/*" + pathPattern));
        }

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && parsed.matches(path);
        }
    }

    static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement(HttpMethod.GET, "/accounts", ACCOUNT_ACCESS, "accounts", AUTHORISED),
            new Requirement(HttpMethod.GET, "/accounts/{accountId}", ACCOUNT_ACCESS, "accounts", AUTHORISED),
            new Requirement(HttpMethod.GET, "/accounts/{accountId}/balances", ACCOUNT_ACCESS, "balances", AUTHORISED),
            new Requirement(HttpMethod.GET, "/accounts/{accountId}/transactions", ACCOUNT_ACCESS, "transactions",
                    AUTHORISED),
            new Requirement(HttpMethod.POST, "/deposits/term-deposits", ACCOUNT_ACCESS, "open-term-deposits",
                    AUTHORISED),
            new Requirement(HttpMethod.GET, "/deposits/term-deposits/{termDepositId}", ACCOUNT_ACCESS, "accounts",
                    AUTHORISED),
            new Requirement(HttpMethod.POST, "/payments", PAYMENT, null, AUTHORISED),
            new Requirement(HttpMethod.GET, "/payments/{paymentId}", PAYMENT, null, AUTHORISED_OR_CONSUMED),
            new Requirement(null, "/credit/applications/**", CREDIT, "share-application-data", AUTHORISED),
            // Servicing a signed agreement (reading it, milestones, early repayment, withdrawal) stays under the
            // credit consent it was signed under; product-apis checks accept-agreement for the changes.
            new Requirement(null, "/credit/agreements/**", CREDIT, "share-application-data", AUTHORISED),
            // Whatever else is added under these paths acts for a customer too: guarded until it gets its own row.
            new Requirement(null, "/accounts/**", ACCOUNT_ACCESS, "accounts", AUTHORISED),
            new Requirement(null, "/deposits/term-deposits/**", ACCOUNT_ACCESS, "accounts", AUTHORISED),
            new Requirement(null, "/payments/**", PAYMENT, null, AUTHORISED));

    private ConsentEndpoints() {
    }

    static Optional<Requirement> forRequest(HttpMethod method, PathContainer path) {
        return REQUIREMENTS.stream().filter(requirement -> requirement.matches(method, path)).findFirst();
    }
}
