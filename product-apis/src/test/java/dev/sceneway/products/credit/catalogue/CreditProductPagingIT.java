package dev.sceneway.products.credit.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.openapi.SpecExamples;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

/** Cursor paging of the catalogue, as credit.yaml and common.yaml (Cursor, Limit, PageLinks) define it. */
class CreditProductPagingIT extends LakesideInstanceTest {

    private final String token = bearer(ProductTokens.withScope("products"));

    @Test
    void catalogueWhenDefaultPagingThenEqualsTheSpecExampleExactly() throws Exception {
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(content().json(SpecExamples.responseExample("credit", "GET", "/v1/banks/{bankId}/credit/products", 200),
                        JsonCompareMode.STRICT));
    }

    @Test
    void catalogueWhenLimitIsTwoThenNextLinkLeadsToTheLastPageWhichHasNoNext() throws Exception {
        String first = mvc.perform(get(PRODUCTS + "?limit=2").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].productId",
                        contains("lakeside-instalment-standard", "lakeside-merchant-zero")))
                .andExpect(jsonPath("$.links.self").value(PRODUCTS + "?limit=2"))
                .andExpect(jsonPath("$.links.next").value(PRODUCTS + "?limit=2&cursor=" + cursor("lakeside-merchant-zero")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String next = JsonPath.read(first, "$.links.next");

        mvc.perform(get(next).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].productId", contains("lakeside-renovation")))
                .andExpect(jsonPath("$.links.self").value(next))
                .andExpect(jsonPath("$.links.next").doesNotExist());
    }

    @Test
    void catalogueWhenLimitEqualsTheRemainingCountThenNoNextLink() throws Exception {
        mvc.perform(get(PRODUCTS + "?limit=3").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(3))
                .andExpect(jsonPath("$.links.next").doesNotExist());
    }

    @Test
    void catalogueWhenCursorIsAfterTheLastProductThenEmptyPage() throws Exception {
        mvc.perform(get(PRODUCTS + "?cursor=" + cursor("zzz")).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data").isEmpty())
                .andExpect(jsonPath("$.links.self").value(PRODUCTS + "?limit=25&cursor=" + cursor("zzz")))
                .andExpect(jsonPath("$.links.next").doesNotExist());
    }

    @ParameterizedTest(name = "limit={0} -> 400 naming limit")
    @CsvSource({"0", "101", "-1", "abc", "2.5"})
    void catalogueWhenLimitIsOutOfRangeOrNotAnIntegerThenBadRequestNamingLimit(String limit) throws Exception {
        mvc.perform(get(PRODUCTS + "?limit=" + limit).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/bad-request"))
                .andExpect(jsonPath("$.detail", startsWith("Parameter 'limit' ")));
    }

    static String[] badCursors() {
        return new String[] {
            "not*base64url", // outside the alphabet
            "A", // one base64 character cannot encode a byte
            cursor("Robert'); DROP TABLE credit_product;--"), // valid base64url, not a product id
            Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xC3, 0x28}), // not UTF-8
        };
    }

    @ParameterizedTest(name = "cursor={0} -> 400 naming cursor")
    @MethodSource("badCursors")
    void catalogueWhenCursorIsNotOneWeIssuedThenBadRequestNamingCursor(String cursor) throws Exception {
        String detail = mvc.perform(get(PRODUCTS + "?cursor=" + cursor).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/bad-request"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat((String) JsonPath.read(detail, "$.detail")).startsWith("Parameter 'cursor' ");
    }

    private static String cursor(String productId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(productId.getBytes(StandardCharsets.UTF_8));
    }
}
