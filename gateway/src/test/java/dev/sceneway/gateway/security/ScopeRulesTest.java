package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class ScopeRulesTest {

    @Test
    void scopeWhenPathIsTheCatalogueOrTheQuotesThenProducts() {
        for (String path : new String[] {"/v1/banks/lakeside/credit/products",
                "/v1/banks/lakeside/credit/products/lakeside-renovation", "/v1/banks/harbour/credit/quotes"}) {
            assertThat(ScopeRules.forRequest(HttpMethod.GET, PathContainer.parsePath(path))).as(path)
                    .hasValueSatisfying(rule -> assertThat(rule.scopes()).containsExactly("products"));
        }
    }

    @Test
    void scopeWhenPathIsNotARuledPathThenNoRule() {
        assertThat(ScopeRules.forRequest(HttpMethod.GET,
                PathContainer.parsePath("/v1/banks/lakeside/credit/quotes/extra"))).isEmpty();
        assertThat(ScopeRules.forRequest(HttpMethod.GET,
                PathContainer.parsePath("/v1/banks/lakeside/credit/applications-draft"))).isEmpty();
    }

    @Test
    void scopeWhenPathIsCustomerLevelThenTheScopeOfItsConsentType() {
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/accounts", "accounts");
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/accounts/LS-ALICE-CUR/transactions", "accounts");
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/payments", "payments");
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/payments/p-1", "payments");
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/credit/applications", "credit");
        assertScopes(HttpMethod.PUT, "/v1/banks/lakeside/credit/applications/a-1/agreement", "credit");
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/credit/agreements/a-1/early-repayments", "credit");
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/credit/agreements/a-1", "credit");
    }

    @Test
    void scopeWhenTermDepositsThenProductsForTheCatalogueAndAccountsForOpeningAndReading() {
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/deposits/products", "products");
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/deposits/term-deposits", "accounts");
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/deposits/term-deposits/LS-TD-1", "accounts");
    }

    @Test
    void scopeWhenRefundingThenPaymentsAndNoConsentIsNeeded() {
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/refunds", "payments");
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/refunds/r-1", "payments");
    }

    @Test
    void scopeWhenCreatingAConsentThenItsTypesScopeAndWhenReadingOrRevokingThenAnyConsentScope() {
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/consents/account-access", "accounts");
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/consents/payment", "payments");
        assertScopes(HttpMethod.POST, "/v1/banks/lakeside/consents/credit", "credit");
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/consents/3f1c", "accounts", "payments", "credit");
        assertScopes(HttpMethod.DELETE, "/v1/banks/lakeside/consents/3f1c", "accounts", "payments", "credit");
        // A GET of a path named like a type is a read of a consent with that id, not a creation.
        assertScopes(HttpMethod.GET, "/v1/banks/lakeside/consents/payment", "accounts", "payments", "credit");
    }

    private static void assertScopes(HttpMethod method, String path, String... scopes) {
        assertThat(ScopeRules.forRequest(method, PathContainer.parsePath(path))).as(method + " " + path)
                .hasValueSatisfying(rule -> assertThat(rule.scopes()).containsExactly(scopes));
    }
}
