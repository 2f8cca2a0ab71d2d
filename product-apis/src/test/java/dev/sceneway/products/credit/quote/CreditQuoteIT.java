package dev.sceneway.products.credit.quote;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.openapi.SpecExamples;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

/** Quotes through the whole lakeside instance (sandbox seeds); every response is checked against credit.yaml. */
class CreditQuoteIT extends LakesideInstanceTest {

    static final String QUOTES = "/v1/banks/lakeside/credit/quotes";

    private final String token = bearer(ProductTokens.withScope("products"));

    @Test
    void quoteWhenTheContractsExampleRequestThenAnswersExactlyTheExample() throws Exception {
        mvc.perform(get(QUOTES + "?amount=3000.00&currency=EUR&termMonths=6").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json(
                        SpecExamples.responseExample("credit", "GET", "/v1/banks/{bankId}/credit/quotes", 200),
                        JsonCompareMode.STRICT));
    }

    @Test
    void quoteWhen10000Over24MonthsThenEveryEligiblePlanWithAFullSchedule() throws Exception {
        mvc.perform(get(QUOTES + "?amount=10000.00&currency=EUR&termMonths=24").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].productId", contains("lakeside-instalment-standard",
                        "lakeside-instalment-standard", "lakeside-renovation")))
                .andExpect(jsonPath("$.data[*].repaymentMethod", contains("ANNUITY", "EQUAL_PRINCIPAL", "ANNUITY")))
                .andExpect(jsonPath("$.data[*].schedule", everyItem(hasSize(24))))
                .andExpect(jsonPath("$.data[*].amount", everyItem(is("10000.00"))))
                .andExpect(jsonPath("$.data[*].currency", everyItem(is("EUR"))))
                .andExpect(jsonPath("$.data[2].arrangementFee").value("150.00"))
                .andExpect(jsonPath("$.data[2].merchantDiscountPercent").value("0.00"));
    }

    @Test
    void quoteWhenProductIdIsGivenThenOnlyItsPlans() throws Exception {
        mvc.perform(get(QUOTES + "?amount=3000.00&currency=EUR&termMonths=12&productId=lakeside-merchant-zero")
                        .header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].productId", contains("lakeside-merchant-zero")))
                .andExpect(jsonPath("$.data[0].aprPercent").value("0.00"))
                .andExpect(jsonPath("$.data[0].totalRepayable").value("3000.00"))
                .andExpect(jsonPath("$.data[0].merchantDiscountPercent").value("4.50"));
    }

    @Test
    void quoteWhenNoPlanFitsThenOkWithEmptyData() throws Exception {
        for (String query : new String[] {"amount=90000.00&currency=EUR&termMonths=24",
                "amount=3000.00&currency=CNY&termMonths=12", "amount=3000.00&currency=EUR&termMonths=480",
                "amount=10000.00&currency=EUR&termMonths=6&productId=lakeside-renovation"}) {
            mvc.perform(get(QUOTES + "?" + query).header(HttpHeaders.AUTHORIZATION, token))
                    .andExpect(status().isOk())
                    .andExpect(content().json("{\"data\":[]}", JsonCompareMode.STRICT));
        }
    }

    @Test
    void quoteWhenProductIdIsUnknownOrRetiredThenNotFoundProblem() throws Exception {
        mvc.perform(get(QUOTES + "?amount=3000.00&currency=EUR&termMonths=12&productId=lakeside-instalment-2019")
                        .header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"))
                .andExpect(jsonPath("$.detail").value("No credit product with id 'lakeside-instalment-2019'."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            amount=10000&currency=EUR&termMonths=24     | amount
            amount=10000.5&currency=EUR&termMonths=24   | amount
            amount=1e4&currency=EUR&termMonths=24       | amount
            amount=-5.00&currency=EUR&termMonths=24     | amount
            amount=0.00&currency=EUR&termMonths=24      | amount
            amount=10000.00&currency=EUR&termMonths=0   | termMonths
            amount=10000.00&currency=EUR&termMonths=481 | termMonths
            amount=10000.00&currency=EUR&termMonths=two | termMonths
            amount=10000.00&currency=eur&termMonths=24  | currency
            amount=10000.00&termMonths=24               | currency
            currency=EUR&termMonths=24                  | amount
            """)
    void quoteWhenAParameterIsMalformedThenBadRequestNamingIt(String query, String parameter) throws Exception {
        mvc.perform(get(QUOTES + "?" + query).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/bad-request"))
                .andExpect(jsonPath("$.detail", containsString("'" + parameter + "'")))
                .andExpect(jsonPath("$.instance").value(QUOTES));
    }

    @Test
    void quoteWhenNoTokenThenUnauthorizedProblem() throws Exception {
        mvc.perform(get(QUOTES + "?amount=3000.00&currency=EUR&termMonths=6"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/token-missing"));
    }

    @Test
    void quoteWhenTokenLacksTheProductsScopeThenForbiddenNamingIt() throws Exception {
        mvc.perform(get(QUOTES + "?amount=3000.00&currency=EUR&termMonths=6")
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("accounts"))))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\", scope=\"products\""))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/insufficient-scope"));
    }
}
