package dev.sceneway.products.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import dev.sceneway.products.support.TestHttp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Refunds of checkout payments by the partner that took them, on the lakeside ledger; every response checked against
 * payments.yaml. The money goes back merchant → payer, in full or in parts, never more than the payment.
 */
class RefundsApiIT extends LakesideInstanceTest {

    static final String REFUNDS = "/v1/banks/lakeside/refunds";
    private static final String PROBLEMS = "https://sceneway.dev/problems/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    PaymentFixtures payer;
    String partnerToken;

    @BeforeEach
    void payer() {
        payer = new PaymentFixtures(jdbc, ledger, "100.00");
        partnerToken = ProductTokens.token().scope("payments").sign();
    }

    @Test
    void fullRefundMovesThePaymentBackFromTheMerchantToThePayerAndTheSameKeyAnswersTheSameRefund() throws Exception {
        String paymentId = pay("30.00", "ORDER-R1");
        String key = key();

        String body = refund(partnerToken, key, paymentId, "30.00")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("completed"))
                .andExpect(jsonPath("$.fromAccount").value(payer.merchant))
                .andExpect(jsonPath("$.toAccount").value(payer.debtor))
                .andExpect(jsonPath("$.paymentRefundedTotal").value("30.00"))
                .andReturn().getResponse().getContentAsString();
        String refundId = JsonPath.read(body, "$.refundId");
        refund(partnerToken, key, paymentId, "30.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.refundId").value(refundId));

        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("100.00");
        assertThat(payer.balance(payer.merchant)).isEqualByComparingTo("0.00");
        assertThat(payer.entries(payer.merchant)).isEqualTo(2); // the payment and one refund
        mvc.perform(get(REFUNDS + "/" + refundId).header(HttpHeaders.AUTHORIZATION, bearer(partnerToken)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentId").value(paymentId))
                .andExpect(jsonPath("$.amount").value("30.00"));
        // The same key for another refund is refused; nothing moves.
        refund(partnerToken, key, paymentId, "1.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "idempotency-key-reused"));
    }

    @Test
    void partialRefundsAddUpToThePaymentAndOneCentMoreIsRefusedWithWhatIsLeft() throws Exception {
        String paymentId = pay("30.00", "ORDER-R2");

        refund(partnerToken, key(), paymentId, "10.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.paymentRefundedTotal").value("10.00"));
        refund(partnerToken, key(), paymentId, "15.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.paymentRefundedTotal").value("25.00"));
        refund(partnerToken, key(), paymentId, "5.01").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "refund-exceeds-payment"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 5.00")));
        refund(partnerToken, key(), paymentId, "5.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.paymentRefundedTotal").value("30.00"));

        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("100.00");
        assertThat(payer.balance(payer.merchant)).isEqualByComparingTo("0.00");
    }

    @Test
    void twentyConcurrentPartialRefundsNeverAddUpToMoreThanThePayment() throws Exception {
        String paymentId = pay("30.00", "ORDER-R3");
        int requests = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                String key = key();
                Callable<HttpResponse<String>> send = () -> {
                    start.await();
                    return TestHttp.postJson(port, REFUNDS, json(paymentId, "5.00"),
                            "Authorization", "Bearer " + partnerToken, "x-idempotency-key", key);
                };
                answers.add(pool.submit(send));
            }
            start.countDown();
            int made = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 201) {
                    made++;
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
                    assertThat(response.body()).contains(PROBLEMS + "refund-exceeds-payment");
                    refused++;
                }
            }
            assertThat(made).isEqualTo(6);
            assertThat(refused).isEqualTo(14);
        }
        assertThat(jdbc.sql("SELECT sum(amount) FROM refund WHERE payment_id = :id::uuid").param("id", paymentId)
                .query(BigDecimal.class).single()).isEqualByComparingTo("30.00");
        assertThat(payer.balance(payer.merchant)).isEqualByComparingTo("0.00");
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("100.00");
    }

    @Test
    void whenTheMerchantCannotPayNothingIsRecordedAndTheSameRequestSucceedsOnceItCan() throws Exception {
        String paymentId = pay("30.00", "ORDER-R4");
        // The merchant's takings leave its account (a payout), so it cannot fund the refund.
        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "payout", "Payout", Instant.now(), payer.merchant,
                "LS-BANK-CLEARING", new BigDecimal("30.00")));
        String key = key();

        refund(partnerToken, key, paymentId, "20.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "insufficient-funds"));
        assertThat(jdbc.sql("SELECT count(*) FROM refund WHERE payment_id = :id::uuid").param("id", paymentId)
                .query(Integer.class).single()).isZero();
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("70.00");

        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "opening-balance", "Funding", Instant.now(),
                "LS-BANK-CLEARING", payer.merchant, new BigDecimal("20.00")));
        refund(partnerToken, key, paymentId, "20.00").andExpect(status().isCreated());
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("90.00");
    }

    @Test
    void anotherPartnersPaymentReadsAsNotFoundAndSoDoesItsRefund() throws Exception {
        String paymentId = pay("30.00", "ORDER-R5");
        String refundId = JsonPath.read(refund(partnerToken, key(), paymentId, "5.00")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.refundId");
        String otherPartner = dev.sceneway.testing.TestTokens.token(ProductTokens.ISSUER, "checkout-demo")
                .scope("payments").sign();

        refund(otherPartner, key(), paymentId, "5.00").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "not-found"));
        mvc.perform(get(REFUNDS + "/" + refundId).header(HttpHeaders.AUTHORIZATION, bearer(otherPartner)))
                .andExpect(status().isNotFound());
        refund(partnerToken, key(), UUID.randomUUID().toString(), "5.00").andExpect(status().isNotFound());
        // Without the payments scope (a catalogue token) nothing is refunded.
        refund(ProductTokens.withScope("products"), key(), paymentId, "5.00").andExpect(status().isForbidden());
        assertThat(payer.balance(payer.merchant)).isEqualByComparingTo("25.00");
    }

    @Test
    void aRejectedPaymentOrAPaymentToAPersonIsNotRefundable() throws Exception {
        // Rejected: the payer cannot afford it.
        String rejected = JsonPath.read(payResponse(payer.consent("500.00", "ORDER-R6").sign(),
                payer.body("500.00", "ORDER-R6")), "$.paymentId");
        refund(partnerToken, key(), rejected, "1.00").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "payment-not-refundable"));

        // To another customer (a person, not a merchant): only that person could give it back.
        PaymentFixtures friend = new PaymentFixtures(jdbc, ledger, "1.00");
        String token = payer.consent("5.00", "LUNCH").payment(java.util.Map.of("amount", "5.00", "currency", "EUR",
                "creditorAccount", friend.debtor, "creditorName", "A friend", "reference", "LUNCH")).sign();
        String toPerson = JsonPath.read(payResponse(token, PaymentFixtures.body(payer.debtor, friend.debtor, "5.00",
                "LUNCH")), "$.paymentId");
        refund(partnerToken, key(), toPerson, "5.00").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "payment-not-refundable"));
        assertThat(friend.balance(friend.debtor)).isEqualByComparingTo("6.00");
    }

    private String pay(String amount, String reference) throws Exception {
        String body = payResponse(payer.consent(amount, reference).sign(), payer.body(amount, reference));
        assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("completed");
        return JsonPath.read(body, "$.paymentId");
    }

    private String payResponse(String token, String body) throws Exception {
        return mvc.perform(post(PaymentsApiIT.PAYMENTS).header(HttpHeaders.AUTHORIZATION, bearer(token))
                        .header("x-idempotency-key", key()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    private ResultActions refund(String token, String key, String paymentId, String amount) throws Exception {
        return mvc.perform(post(REFUNDS).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", key).contentType(MediaType.APPLICATION_JSON)
                .content(json(paymentId, amount)));
    }

    private static String json(String paymentId, String amount) {
        return """
                {"paymentId":"%s","amount":"%s","currency":"EUR","reference":"Returned goods"}"""
                .formatted(paymentId, amount);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
