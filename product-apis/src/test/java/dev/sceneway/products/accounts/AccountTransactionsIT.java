package dev.sceneway.products.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.LakesideInstanceTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/** Alice's lakeside statement: order, paging, date and direction filters, and the limits on what a caller may send. */
class AccountTransactionsIT extends LakesideInstanceTest {

    static final String TRANSACTIONS = "/v1/banks/lakeside/accounts/LS-ALICE-CUR/transactions";

    private final String token = ConsentTokens.accountAccess("alice", "lakeside").accounts("LS-ALICE-CUR").sign();

    @Autowired
    JdbcClient jdbc;

    @Test
    void transactionsWhenPagedThroughThenEveryEntryOnceNewestFirstAndTheyAddUpToTheBalance() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = TRANSACTIONS + "?limit=7";
        int pages = 0;
        while (next != null) {
            String body = call(next).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            List<Map<String, Object>> page = JsonPath.read(body, "$.data");
            assertThat(page).hasSizeLessThanOrEqualTo(7);
            all.addAll(page);
            List<String> links = JsonPath.read(body, "$.links[?(@.next)].next");
            next = links.isEmpty() ? null : links.getFirst();
            pages++;
            assertThat(pages).as("pages (a cursor that does not advance would loop)").isLessThan(50);
        }

        int entries = jdbc.sql("SELECT count(*) FROM ledger_entry WHERE account_id = 'LS-ALICE-CUR'")
                .query(Integer.class).single();
        assertThat(all).hasSize(entries);
        assertThat(all.stream().map(t -> t.get("transactionId")).distinct()).hasSize(entries);
        List<String> times = all.stream().map(t -> (String) t.get("bookedAt")).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
        BigDecimal sum = all.stream()
                .map(t -> new BigDecimal((String) t.get("amount"))
                        .multiply("credit".equals(t.get("direction")) ? BigDecimal.ONE : BigDecimal.ONE.negate()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("2500.00");
        assertThat(all.getLast().get("kind")).isEqualTo("opening-balance");
    }

    @Test
    void transactionsWhenFilteredByBookingDatesThenOnlyThoseDaysOfTheBanksCalendarBothInclusive() throws Exception {
        String body = call(TRANSACTIONS + "?bookedFrom=2026-10-01&bookedTo=2026-10-31&limit=100")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].bookingDate", everyItem(startsWith("2026-10-"))))
                .andExpect(jsonPath("$.links.self", startsWith(TRANSACTIONS + "?limit=100&bookedFrom=2026-10-01")))
                .andReturn().getResponse().getContentAsString();

        int october = jdbc.sql("""
                        SELECT count(*) FROM ledger_entry WHERE account_id = 'LS-ALICE-CUR'
                        AND (booked_at AT TIME ZONE 'Europe/Berlin')::date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'""")
                .query(Integer.class).single();
        assertThat(october).isGreaterThan(10);
        assertThat(JsonPath.<List<Object>>read(body, "$.data")).hasSize(october);
        // The salary of 1 October is booked 07:30 in Berlin (05:30 UTC): a day of the bank's calendar, not of UTC.
        assertThat(JsonPath.<List<String>>read(body, "$.data[*].description"))
                .contains("Salary Lakeside Design Studio GmbH");
    }

    @Test
    void transactionsWhenFilteredByDirectionThenOnlyThatDirectionAndTheNextLinkKeepsTheFilters() throws Exception {
        call(TRANSACTIONS + "?direction=credit&bookedFrom=2026-08-01&limit=2")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].direction", everyItem(is("credit"))))
                .andExpect(jsonPath("$.links.next", startsWith(
                        TRANSACTIONS + "?limit=2&bookedFrom=2026-08-01&direction=credit&cursor=")));
        call(TRANSACTIONS + "?direction=debit&limit=100")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].direction", everyItem(is("debit"))));
    }

    @ParameterizedTest(name = "transactionsWhen {0} ThenBadRequest")
    @ValueSource(strings = {"bookedFrom=2026-11-01&bookedTo=2026-10-01", "bookedFrom=2026-13-01", "bookedTo=yesterday",
            "direction=sideways", "limit=101", "limit=0", "cursor=not-a-cursor",
            "cursor=MTIzNDU2Nzg5MC5ub3QtYS11dWlk"})
    void transactionsWhenAParameterIsInvalidThenBadRequestNamingIt(String query) throws Exception {
        call(TRANSACTIONS + "?" + query)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/bad-request"))
                .andExpect(jsonPath("$.detail", startsWith("Parameter '" + query.substring(0, query.indexOf('=')))));
    }

    private ResultActions call(String pathWithQuery) throws Exception {
        return mvc.perform(get(pathWithQuery).header(HttpHeaders.AUTHORIZATION, bearer(token)));
    }
}
