package dev.sceneway.products.credit.catalogue;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

class CreditProductCatalogueIT extends LakesideInstanceTest {

    private static final String DECIMAL_STRING_WITH_2_PLACES = "^\\d+\\.\\d{2}$";

    private final String token = bearer(ProductTokens.withScope("products"));

    @Test
    void catalogueWhenScopeIsProductsThenListsActiveLakesideProductsInIdOrderWithMoneyAsStrings() throws Exception {
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                // The retired lakeside-instalment-2019 is seeded but inactive.
                .andExpect(jsonPath("$.data[*].productId", contains(
                        "lakeside-instalment-standard", "lakeside-merchant-zero", "lakeside-renovation")))
                .andExpect(jsonPath("$.data[*].bankId", everyItem(is("lakeside"))))
                .andExpect(jsonPath("$.data[*].currency", everyItem(is("EUR"))))
                .andExpect(jsonPath("$.data[*].minAmount", everyItem(matchesPattern(DECIMAL_STRING_WITH_2_PLACES))))
                .andExpect(jsonPath("$.data[*].maxAmount", everyItem(matchesPattern(DECIMAL_STRING_WITH_2_PLACES))))
                .andExpect(jsonPath("$.data[*].arrangementFee", everyItem(matchesPattern(DECIMAL_STRING_WITH_2_PLACES))))
                .andExpect(jsonPath("$.data[*].nominalAnnualRatePercent",
                        contains("6.90", "0.00", "5.49")));
    }

    @Test
    void productWhenKnownThenReturnsExactlyTheContractShape() throws Exception {
        mvc.perform(get(PRODUCTS + "/lakeside-instalment-standard").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"productId":"lakeside-instalment-standard","bankId":"lakeside","name":"Instalment loan",
                         "currency":"EUR","minAmount":"1000.00","maxAmount":"50000.00","minTermMonths":3,
                         "maxTermMonths":60,"nominalAnnualRatePercent":"6.90","arrangementFee":"0.00",
                         "repaymentMethods":["ANNUITY","EQUAL_PRINCIPAL"]}""", JsonCompareMode.STRICT));
    }

    @Test
    void productWhenUnknownThenNotFoundProblem() throws Exception {
        mvc.perform(get(PRODUCTS + "/no-such-loan").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type":"https://sceneway.dev/problems/not-found","title":"Not found","status":404,
                         "detail":"No credit product with id 'no-such-loan'.",
                         "instance":"/v1/banks/lakeside/credit/products/no-such-loan"}""",
                        JsonCompareMode.STRICT));
    }

    @Test
    void productWhenRetiredThenNotFound() throws Exception {
        mvc.perform(get(PRODUCTS + "/lakeside-instalment-2019").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"));
    }

    @Test
    void catalogueWhenPathNamesAnotherBankThenNotFoundProblem() throws Exception {
        mvc.perform(get("/v1/banks/harbour/credit/products").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"))
                .andExpect(jsonPath("$.instance").value("/v1/banks/harbour/credit/products"));
    }

    @Test
    void productWhenPathNamesAnotherBankThenNotFoundEvenForOurOwnProduct() throws Exception {
        mvc.perform(get("/v1/banks/harbour/credit/products/lakeside-renovation")
                        .header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"));
    }

    @Test
    void catalogueWhenMethodIsPostThenMethodNotAllowedProblemWithAllowHeader() throws Exception {
        mvc.perform(post(PRODUCTS).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string(HttpHeaders.ALLOW, "GET"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/method-not-allowed"));
    }
}
