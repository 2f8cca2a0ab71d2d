package dev.sceneway.products.deposits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import dev.sceneway.products.support.TestHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Term deposits at lakeside: the catalogue, opening one from a consented current account (one ledger transaction,
 * the maturity amount fixed by the documented formula), reading it, and the maturity run paying it back. Every
 * response is checked against accounts.yaml. Each test has a customer of its own.
 */
class TermDepositsApiIT extends LakesideInstanceTest {

    static final String PRODUCTS_PATH = "/v1/banks/lakeside/deposits/products";
    static final String DEPOSITS = "/v1/banks/lakeside/deposits/term-deposits";
    private static final String PROBLEMS = "https://sceneway.dev/problems/";
    private static final ZoneId LAKESIDE = ZoneId.of("Europe/Berlin");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    MaturityRun maturities;

    String customer;
    String current;
    String savings;
    ConsentTokens.Builder consent;

    @BeforeEach
    void customer() {
        String suffix = Long.toString(System.nanoTime(), 36).toUpperCase() + SEQUENCE.incrementAndGet();
        customer = "saver" + suffix.toLowerCase();
        current = "D" + suffix + "-CUR";
        savings = "D" + suffix + "-SAV";
        insert(current, "current");
        insert(savings, "savings");
        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "opening-balance", "Funding", Instant.now(),
                "LS-BANK-CLEARING", current, new BigDecimal("8000.00")));
        consent = ConsentTokens.accountAccess(customer, "lakeside").accounts(current, savings)
                .permissions("accounts", "balances", "open-term-deposits");
    }

    @Test
    void theCatalogueListsTheOfferedProductsToAPartnerWithoutACustomer() throws Exception {
        mvc.perform(get(PRODUCTS_PATH).header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].productId").value(org.hamcrest.Matchers.contains(
                        "fixed-12m", "fixed-36m", "fixed-6m")))
                .andExpect(jsonPath("$.data[0].annualRatePercent").value("2.75"))
                .andExpect(jsonPath("$.data[0].minAmount").value("1000.00"))
                .andExpect(jsonPath("$.data[0].interestMethod").value("simple-act-365"));
        // A customer-level token without the products scope is refused.
        mvc.perform(get(PRODUCTS_PATH).header(HttpHeaders.AUTHORIZATION, bearer(consent.sign())))
                .andExpect(status().isForbidden());
    }

    @Test
    void openingMovesThePrincipalToADepositAccountAndFixesTheMaturityAmountOnce() throws Exception {
        String token = consent.sign();
        String key = key();
        LocalDate today = LocalDate.now(LAKESIDE);
        LocalDate maturity = today.plusMonths(12);
        long days = ChronoUnit.DAYS.between(today, maturity);
        // Worked independently of MaturityTerms: 5,000.00 x 2.75 % x days / 365, half-up.
        String interest = new BigDecimal("137.50").multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_UP).toPlainString();

        String body = open(token, key, "fixed-12m", current, "5000.00")
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.startsWith(DEPOSITS + "/LS-TD-")))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.principal").value("5000.00"))
                .andExpect(jsonPath("$.annualRatePercent").value("2.75"))
                .andExpect(jsonPath("$.startDate").value(today.toString()))
                .andExpect(jsonPath("$.maturityDate").value(maturity.toString()))
                .andExpect(jsonPath("$.days").value((int) days))
                .andExpect(jsonPath("$.interest").value(interest))
                .andExpect(jsonPath("$.maturityAmount").value(new BigDecimal("5000.00").add(new BigDecimal(interest))
                        .toPlainString()))
                .andReturn().getResponse().getContentAsString();
        String depositId = JsonPath.read(body, "$.termDepositId");
        assertThat(balance(current)).isEqualByComparingTo("3000.00");
        assertThat(balance(depositId)).isEqualByComparingTo("5000.00");
        assertThat(jdbc.sql("SELECT kind || ' ' || owner_id FROM account WHERE account_id = :id").param("id", depositId)
                .query(String.class).single()).isEqualTo("deposit " + customer);

        // The same key and request: the same deposit, nothing moves again. Another request with that key: 422.
        open(token, key, "fixed-12m", current, "5000.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.termDepositId").value(depositId));
        open(token, key, "fixed-12m", current, "4000.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "idempotency-key-reused"));
        assertThat(balance(current)).isEqualByComparingTo("3000.00");

        mvc.perform(get(DEPOSITS + "/" + depositId).header(HttpHeaders.AUTHORIZATION, bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sourceAccount").value(current))
                .andExpect(jsonPath("$.interest").value(interest));
        // Under another consent of the same customer, the deposit is not there to read.
        mvc.perform(get(DEPOSITS + "/" + depositId).header(HttpHeaders.AUTHORIZATION,
                        bearer(ConsentTokens.accountAccess(customer, "lakeside").accounts(current).sign())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "resource-not-in-consent"));
    }

    @Test
    void onTheMaturityDateTheMaturityAmountGoesBackToTheSourceAccountOnce() throws Exception {
        String token = consent.sign();
        String depositId = JsonPath.read(open(token, key(), "fixed-6m", current, "2000.00")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.termDepositId");
        TermDepositRecord deposit = jdbcDeposit(depositId);
        BigDecimal interestAccountBefore = balance("LS-BANK-DEPOSIT-INTEREST");

        assertThat(maturities.run(deposit.terms().maturityDate().minusDays(1))).isZero();
        assertThat(balance(depositId)).isEqualByComparingTo("2000.00");

        assertThat(maturities.run(deposit.terms().maturityDate())).isGreaterThanOrEqualTo(1);
        assertThat(balance(depositId)).isEqualByComparingTo("0.00");
        assertThat(balance(current)).isEqualByComparingTo(new BigDecimal("6000.00")
                .add(deposit.terms().maturityAmount()));
        assertThat(balance("LS-BANK-DEPOSIT-INTEREST")).isEqualByComparingTo(
                interestAccountBefore.subtract(deposit.terms().interest()));
        mvc.perform(get(DEPOSITS + "/" + depositId).header(HttpHeaders.AUTHORIZATION, bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("matured"))
                .andExpect(jsonPath("$.maturedAt").exists());

        // A second run pays nothing twice.
        maturities.run(deposit.terms().maturityDate());
        assertThat(balance(current)).isEqualByComparingTo(new BigDecimal("6000.00")
                .add(deposit.terms().maturityAmount()));
    }

    @Test
    void whatTheProductOrTheAccountCannotTakeIsRefusedAndNothingMoves() throws Exception {
        String token = consent.sign();
        open(token, key(), "fixed-12m", current, "999.99").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "deposit-terms-not-offered"))
                .andExpect(jsonPath("$.detail").value("Product fixed-12m takes 1000.00 to 500000.00 EUR."));
        open(token, key(), "fixed-12m-2024", current, "1000.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "deposit-terms-not-offered"));
        open(token, key(), "fixed-12m", current, "1000.00", "CNY").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "deposit-terms-not-offered"));
        open(token, key(), "fixed-12m", savings, "1000.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "deposit-terms-not-offered"));
        // More than the account holds: 422, and neither a deposit nor its account is left behind.
        String key = key();
        open(token, key, "fixed-12m", current, "8000.01").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "insufficient-funds"));
        assertThat(jdbc.sql("SELECT count(*) FROM term_deposit WHERE customer = :c").param("c", customer)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE owner_id = :c AND kind = 'deposit'")
                .param("c", customer).query(Integer.class).single()).isZero();
        assertThat(balance(current)).isEqualByComparingTo("8000.00");
        // Once the money is there, the same request with the same key opens it.
        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "salary", "Salary", Instant.now(),
                "LS-BANK-CLEARING", current, new BigDecimal("0.01")));
        open(token, key, "fixed-12m", current, "8000.01").andExpect(status().isCreated());
        assertThat(balance(current)).isEqualByComparingTo("0.00");
    }

    @Test
    void malformedRequestsGetABadRequestProblemAndNothingMoves() throws Exception {
        String token = consent.sign();
        for (String body : new String[] {"{not json", json("fixed-12m", current, "10.5", "EUR"),
                json("Fixed 12m", current, "1000.00", "EUR"), "{\"productId\":\"fixed-12m\"}"}) {
            mvc.perform(post(DEPOSITS).header(HttpHeaders.AUTHORIZATION, bearer(token))
                            .header("x-idempotency-key", key()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value(PROBLEMS + "bad-request"));
        }
        mvc.perform(post(DEPOSITS).header(HttpHeaders.AUTHORIZATION, bearer(token))
                        .contentType(MediaType.APPLICATION_JSON).content(json("fixed-12m", current, "1000.00", "EUR")))
                .andExpect(status().isBadRequest());
        assertThat(balance(current)).isEqualByComparingTo("8000.00");
    }

    @Test
    void theConsentMustGrantOpeningAndCoverTheSourceAccount() throws Exception {
        String readOnly = ConsentTokens.accountAccess(customer, "lakeside").accounts(current).sign();
        open(readOnly, key(), "fixed-12m", current, "1000.00").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "consent-permission-missing"));
        String otherAccount = ConsentTokens.accountAccess(customer, "lakeside").accounts(savings)
                .permissions("accounts", "open-term-deposits").sign();
        open(otherAccount, key(), "fixed-12m", current, "1000.00").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "resource-not-in-consent"));
        // Another customer's consent naming this account: not theirs, so not in the consent either.
        String stranger = ConsentTokens.accountAccess("mallory", "lakeside").accounts(current)
                .permissions("accounts", "open-term-deposits").sign();
        open(stranger, key(), "fixed-12m", current, "1000.00").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "resource-not-in-consent"));
        assertThat(balance(current)).isEqualByComparingTo("8000.00");
    }

    @Test
    void tenConcurrentIdenticalRequestsOpenOneDepositAndEveryoneGetsItsId() throws Exception {
        String token = consent.sign();
        String key = key();
        int requests = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return TestHttp.postJson(port, DEPOSITS, json("fixed-6m", current, "1500.00", "EUR"),
                            "Authorization", "Bearer " + token, "x-idempotency-key", key);
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(JsonPath.read(response.body(), "$.termDepositId"));
            }
            assertThat(ids).hasSize(1);
        }
        assertThat(balance(current)).isEqualByComparingTo("6500.00");
    }

    private ResultActions open(String token, String key, String product, String source, String amount)
            throws Exception {
        return open(token, key, product, source, amount, "EUR");
    }

    private ResultActions open(String token, String key, String product, String source, String amount,
            String currency) throws Exception {
        return mvc.perform(post(DEPOSITS).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", key).contentType(MediaType.APPLICATION_JSON)
                .content(json(product, source, amount, currency)));
    }

    private static String json(String product, String source, String amount, String currency) {
        return """
                {"productId":"%s","sourceAccount":"%s","amount":"%s","currency":"%s"}"""
                .formatted(product, source, amount, currency);
    }

    private TermDepositRecord jdbcDeposit(String id) {
        return new TermDepositRepository(jdbc).find(id).orElseThrow();
    }

    private BigDecimal balance(String account) {
        return jdbc.sql("SELECT booked_balance FROM account WHERE account_id = :id").param("id", account)
                .query(BigDecimal.class).single();
    }

    private void insert(String id, String kind) {
        jdbc.sql("""
                        INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                             opened_on)
                        VALUES (:id, 'customer', :owner, :kind, :name, 'EUR', 0.00, :openedOn)""")
                .param("id", id).param("owner", customer).param("kind", kind).param("name", "Test " + kind)
                .param("openedOn", LocalDate.now()).update();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
