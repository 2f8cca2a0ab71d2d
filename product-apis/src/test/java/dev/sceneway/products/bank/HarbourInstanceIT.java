package dev.sceneway.products.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.ContractValidationConfiguration;
import dev.sceneway.products.support.ProductTokens;
import dev.sceneway.products.support.TestInstances;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** A second instance, for harbour, on the same database as lakeside: its own schema, its own products. */
@SpringBootTest(properties = TestInstances.QUIET_CONTRACT_VALIDATOR)
@AutoConfigureMockMvc
@ActiveProfiles("sandbox")
@Import(ContractValidationConfiguration.class)
class HarbourInstanceIT {

    private final String token = "Bearer " + ProductTokens.withScope("products");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void harbour(DynamicPropertyRegistry registry) {
        TestInstances.register(registry, "harbour");
    }

    @Test
    void catalogueWhenHarbourInstanceThenServesItsCnyProductsOnly() throws Exception {
        mvc.perform(get("/v1/banks/harbour/credit/products").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].productId", contains(
                        "harbour-consumer-instalment", "harbour-farm-equipment", "harbour-home-renovation")))
                .andExpect(jsonPath("$.data[*].bankId", everyItem(is("harbour"))))
                .andExpect(jsonPath("$.data[*].currency", everyItem(is("CNY"))))
                .andExpect(jsonPath("$.data[0].minAmount").value("5000.00"))
                .andExpect(jsonPath("$.data[0].maxAmount").value("300000.00"))
                .andExpect(jsonPath("$.data[0].nominalAnnualRatePercent").value("3.95"));
    }

    @Test
    void catalogueWhenPathNamesLakesideThenNotFound() throws Exception {
        mvc.perform(get("/v1/banks/lakeside/credit/products").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"));
    }

    @Test
    void sandboxAccountsWhenHarbourInstanceThenHoldTheDocumentedCnyBalances() {
        assertThat(jdbc.sql("""
                        SELECT string_agg(account_id || '=' || currency || ' ' || booked_balance, ',' ORDER BY account_id)
                        FROM account WHERE owner_type = 'customer'""")
                .query(String.class).single())
                .isEqualTo("HB-ALICE-CUR=CNY 18000.00,HB-BOB-CUR=CNY 9000.00,HB-BOB-SAV=CNY 50000.00");
    }

    @Test
    void accountsWhenHarbourConsentNamesTheCustomersLakesideAccountThenResourceNotInConsent() throws Exception {
        String alice = "Bearer " + ConsentTokens.accountAccess("alice", "harbour")
                .accounts("HB-ALICE-CUR", "LS-ALICE-CUR").sign();

        mvc.perform(get("/v1/banks/harbour/accounts").header(HttpHeaders.AUTHORIZATION, alice))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].accountId", contains("HB-ALICE-CUR")))
                .andExpect(jsonPath("$.data[0].currency").value("CNY"));
        mvc.perform(get("/v1/banks/harbour/accounts/LS-ALICE-CUR").header(HttpHeaders.AUTHORIZATION, alice))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/resource-not-in-consent"));
    }

    @Test
    void accountsWhenLakesideConsentIsSentToHarbourThenConsentWrongBank() throws Exception {
        String alice = "Bearer " + ConsentTokens.accountAccess("alice", "lakeside").accounts("HB-ALICE-CUR").sign();

        mvc.perform(get("/v1/banks/harbour/accounts/HB-ALICE-CUR").header(HttpHeaders.AUTHORIZATION, alice))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/consent-wrong-bank"));
    }

    @Test
    void dataWhenHarbourInstanceThenLivesInTheHarbourSchema() {
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo("harbour");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM information_schema.tables
                        WHERE table_schema = 'harbour' AND table_name = 'credit_product'""")
                .query(Integer.class).single()).isEqualTo(1);
    }
}
