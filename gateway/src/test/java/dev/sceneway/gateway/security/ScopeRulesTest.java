package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;

class ScopeRulesTest {

    @Test
    void scopeWhenPathIsTheCatalogueOrTheQuotesThenProducts() {
        for (String path : new String[] {"/v1/banks/lakeside/credit/products",
                "/v1/banks/lakeside/credit/products/lakeside-renovation", "/v1/banks/harbour/credit/quotes"}) {
            assertThat(ScopeRules.forPath(PathContainer.parsePath(path))).as(path)
                    .hasValueSatisfying(rule -> assertThat(rule.scope()).isEqualTo("products"));
        }
    }

    @Test
    void scopeWhenPathIsNotAProductsPathThenNoRule() {
        assertThat(ScopeRules.forPath(PathContainer.parsePath("/v1/banks/lakeside/credit/quotes/extra"))).isEmpty();
        assertThat(ScopeRules.forPath(PathContainer.parsePath("/v1/banks/lakeside/accounts"))).isEmpty();
    }
}
