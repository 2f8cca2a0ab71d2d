package dev.sceneway.products.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/** Payments under single-use payment consents, on the lakeside ledger; every response checked against payments.yaml. */
class PaymentsApiIT extends LakesideInstanceTest {

    static final String PAYMENTS = "/v1/banks/lakeside/payments";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    PaymentRun paymentRun;

    PaymentFixtures payer;

    @BeforeEach
    void payer() {
        payer = new PaymentFixtures(jdbc, ledger, "100.00");
    }

    @Test
    void payWhenTheRequestRepeatsTheConsentThenCompletedTheMoneyMovesAndTheUseIsReportedOnTheStream()
            throws Exception {
        ConsentTokens.Builder consent = payer.consent("25.00", "ORDER-1001");

        String body = pay(consent.sign(), key(), payer.body("25.00", "ORDER-1001"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, startsWith(PAYMENTS + "/")))
                .andExpect(jsonPath("$.status").value("completed"))
                .andExpect(jsonPath("$.creditorName").value("Test shop"))
                .andExpect(jsonPath("$.amount").value("25.00"))
                .andReturn().getResponse().getContentAsString();
        String paymentId = JsonPath.read(body, "$.paymentId");

        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("75.00");
        assertThat(payer.balance(payer.merchant)).isEqualByComparingTo("25.00");
        assertThat(jdbc.sql("SELECT payment_id::text FROM consent_use WHERE consent_id = :id")
                .param("id", consent.consentId()).query(String.class).single()).isEqualTo(paymentId);
        MapRecord<String, Object, Object> event = awaitEvent(consent.consentId());
        assertThat(event.getValue()).containsEntry("event", "consumed").containsEntry("bank", "lakeside")
                .containsEntry("paymentId", paymentId);
    }

    @Test
    void payWhenTheConsentWasAlreadyUsedThenConsentConsumedAndNothingMoves() throws Exception {
        ConsentTokens.Builder consent = payer.consent("10.00", "ORDER-2");
        String token = consent.sign();
        pay(token, key(), payer.body("10.00", "ORDER-2")).andExpect(status().isCreated());

        pay(token, key(), payer.body("10.00", "ORDER-2"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/consent-consumed"));

        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("90.00");
        // The refused payment's row rolled back with it (one database transaction): its key is free, nothing dangles.
        assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE consent_id = :id").param("id", consent.consentId())
                .query(Integer.class).single()).isOne();
    }

    @Test
    void payWhenTheSameKeyComesAgainThenTheSamePaymentAndNoSecondBooking() throws Exception {
        String token = payer.consent("10.00", "ORDER-3").sign();
        String key = key();

        String first = JsonPath.read(pay(token, key, payer.body("10.00", "ORDER-3")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.paymentId");
        pay(token, key, payer.body("10.00", "ORDER-3"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.paymentId").value(first));

        assertThat(payer.entries(payer.merchant)).isOne();
    }

    @Test
    void payWhenTheKeyWasUsedForAnotherRequestThenIdempotencyKeyReused() throws Exception {
        String key = key();
        pay(payer.consent("10.00", "ORDER-4").sign(), key, payer.body("10.00", "ORDER-4"))
                .andExpect(status().isCreated());

        pay(payer.consent("10.00", "ORDER-4").sign(), key, payer.body("10.00", "ORDER-4"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/idempotency-key-reused"));
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("90.00");
    }

    @Test
    void payWhenAnyTermDiffersFromTheConsentThenConsentTermsMismatchAndNothingMoves() throws Exception {
        String token = payer.consent("25.00", "ORDER-5").sign();
        List<String> bodies = List.of(
                payer.body("25.01", "ORDER-5"),
                payer.body("25.00", "ORDER-6"),
                PaymentFixtures.body(payer.debtor, "LS-SHOP-MERCHANT", "25.00", "ORDER-5"),
                PaymentFixtures.body("LS-ALICE-CUR", payer.merchant, "25.00", "ORDER-5"),
                payer.body("25.00", "ORDER-5").replace("EUR", "CNY"));

        for (String body : bodies) {
            pay(token, key(), body)
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/consent-terms-mismatch"));
        }
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("100.00");
    }

    @Test
    void payWhenTheConsentNamesAnotherCustomersAccountThenResourceNotInConsent() throws Exception {
        String token = ConsentTokens.payment(payer.customer, "lakeside").accounts("LS-ALICE-CUR").payment(
                java.util.Map.of("amount", "5.00", "currency", "EUR", "creditorAccount", payer.merchant,
                        "creditorName", "Test shop", "reference", "ORDER-7")).sign();

        pay(token, key(), PaymentFixtures.body("LS-ALICE-CUR", payer.merchant, "5.00", "ORDER-7"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/resource-not-in-consent"));
    }

    @Test
    void payWhenFundsAreShortThenRejectedTheConsentStaysUnusedAndALaterTryCanComplete() throws Exception {
        ConsentTokens.Builder consent = payer.consent("150.00", "ORDER-8");
        String token = consent.sign();

        pay(token, key(), payer.body("150.00", "ORDER-8"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("rejected"))
                .andExpect(jsonPath("$.statusReason").value("insufficient-funds"));
        assertThat(jdbc.sql("SELECT count(*) FROM consent_use WHERE consent_id = :id").param("id", consent.consentId())
                .query(Integer.class).single()).isZero();
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("100.00");

        payer.fund("50.00");
        pay(token, key(), payer.body("150.00", "ORDER-8"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("completed"));
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("0.00");
    }

    @Test
    void payAboveTheInstantLimitThenPendingWithTheConsentUsedAndThePaymentRunCompletesItOnce() throws Exception {
        PaymentFixtures rich = new PaymentFixtures(jdbc, ledger, "12000.00");
        ConsentTokens.Builder consent = rich.consent("10000.01", "ORDER-BIG");
        String token = consent.sign();

        String body = pay(token, key(), rich.body("10000.01", "ORDER-BIG"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("pending"))
                .andExpect(jsonPath("$.statusReason").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String paymentId = JsonPath.read(body, "$.paymentId");
        // Accepted, not executed: nothing moved, but the instruction has used the consent.
        assertThat(rich.balance(rich.debtor)).isEqualByComparingTo("12000.00");
        assertThat(jdbc.sql("SELECT count(*) FROM consent_use WHERE consent_id = :id").param("id", consent.consentId())
                .query(Integer.class).single()).isEqualTo(1);
        pay(token, key(), rich.body("10000.01", "ORDER-BIG")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/consent-consumed"));
        read(PAYMENTS + "/" + paymentId, token).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("pending"));
        // Nothing has been paid yet that a refund could give back.
        mvc.perform(post(RefundsApiIT.REFUNDS)
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.token().scope("payments").sign()))
                        .header("x-idempotency-key", key()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paymentId\":\"" + paymentId + "\",\"amount\":\"1.00\",\"currency\":\"EUR\","
                                + "\"reference\":\"too early\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/payment-not-refundable"));

        assertThat(paymentRun.run()).isGreaterThanOrEqualTo(1);
        read(PAYMENTS + "/" + paymentId, token).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("completed"));
        assertThat(rich.balance(rich.debtor)).isEqualByComparingTo("1999.99");
        assertThat(rich.balance(rich.merchant)).isEqualByComparingTo("10000.01");
        // Run again: a completed payment is never executed twice.
        paymentRun.run();
        assertThat(rich.balance(rich.debtor)).isEqualByComparingTo("1999.99");
        assertThat(rich.entries(rich.debtor)).isEqualTo(2); // the funding and the payment
    }

    @Test
    void payAboveTheInstantLimitWhenFundsAreGoneAtExecutionThenRejectedAndTheConsentStaysUsed() throws Exception {
        PaymentFixtures rich = new PaymentFixtures(jdbc, ledger, "12000.00");
        ConsentTokens.Builder consent = rich.consent("11000.00", "ORDER-BIG-2");
        String token = consent.sign();
        String paymentId = JsonPath.read(pay(token, key(), rich.body("11000.00", "ORDER-BIG-2"))
                .andExpect(jsonPath("$.status").value("pending"))
                .andReturn().getResponse().getContentAsString(), "$.paymentId");
        // Before the run, the customer spends most of the money elsewhere.
        ledger.book(dev.sceneway.products.ledger.NewTransaction.transfer(UUID.randomUUID(), "card-payment",
                "Elsewhere", java.time.Instant.now(), rich.debtor, "LS-BANK-CLEARING",
                new java.math.BigDecimal("5000.00")));

        paymentRun.run();
        read(PAYMENTS + "/" + paymentId, token).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("rejected"))
                .andExpect(jsonPath("$.statusReason").value("insufficient-funds"));
        assertThat(rich.balance(rich.debtor)).isEqualByComparingTo("7000.00");
        assertThat(rich.balance(rich.merchant)).isEqualByComparingTo("0.00");
        assertThat(jdbc.sql("SELECT count(*) FROM consent_use WHERE consent_id = :id").param("id", consent.consentId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theDatabaseAllowsOnlyPendingToCompletedOrRejectedAndNeverChangesOrDeletesAPayment() throws Exception {
        String paymentId = JsonPath.read(pay(payer.consent("5.00", "ORDER-SM").sign(), key(),
                payer.body("5.00", "ORDER-SM")).andExpect(jsonPath("$.status").value("completed"))
                .andReturn().getResponse().getContentAsString(), "$.paymentId");
        for (String forbidden : List.of(
                "UPDATE payment SET status = 'rejected', status_reason = 'insufficient-funds' WHERE payment_id = :id",
                "UPDATE payment SET status = 'pending' WHERE payment_id = :id",
                "UPDATE payment SET amount = 1.00 WHERE payment_id = :id",
                "DELETE FROM payment WHERE payment_id = :id")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(forbidden)
                            .param("id", UUID.fromString(paymentId)).update())
                    .as(forbidden).isInstanceOf(org.springframework.dao.DataAccessException.class);
        }
        assertThat(jdbc.sql("SELECT status FROM payment WHERE payment_id = :id").param("id", UUID.fromString(paymentId))
                .query(String.class).single()).isEqualTo("completed");
    }

    @Test
    void getPaymentWhenMadeUnderTheConsentThenShownAndOtherwiseResourceNotInConsent() throws Exception {
        String token = payer.consent("10.00", "ORDER-9").sign();
        String paymentId = JsonPath.read(pay(token, key(), payer.body("10.00", "ORDER-9"))
                .andReturn().getResponse().getContentAsString(), "$.paymentId");

        read(PAYMENTS + "/" + paymentId, token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentId").value(paymentId))
                .andExpect(jsonPath("$.status").value("completed"));
        for (String path : List.of(PAYMENTS + "/" + paymentId, PAYMENTS + "/" + UUID.randomUUID())) {
            read(path, payer.consent("10.00", "ORDER-9").sign())
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/resource-not-in-consent"));
        }
    }

    @Test
    void paymentsWhenTheTokenCarriesAnAccountAccessConsentThenConsentRequired() throws Exception {
        String token = ConsentTokens.accountAccess(payer.customer, "lakeside").accounts(payer.debtor)
                .scope("payments").sign();

        pay(token, key(), payer.body("10.00", "ORDER-10"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/consent-required"));
    }

    @Test
    void payWhenTheBodyIsMalformedThenBadRequest() throws Exception {
        String token = payer.consent("10.00", "ORDER-11").sign();

        pay(token, key(), "{not json").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/bad-request"));
        pay(token, key(), payer.body("10.5", "ORDER-11")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", startsWith("Field 'amount'")));
    }

    private ResultActions pay(String token, String key, String body) throws Exception {
        return mvc.perform(post(PAYMENTS).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", key).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions read(String path, String token) throws Exception {
        return mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, bearer(token)));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** Waits (at most 10 s; the relay runs every 0.5 s) until the consent's event is on the stream. */
    private MapRecord<String, Object, Object> awaitEvent(String consentId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<MapRecord<String, Object, Object>> events = redis.opsForStream()
                    .range("sceneway:consent-events", Range.unbounded());
            return events == null ? null : events.stream()
                    .filter(event -> consentId.equals(event.getValue().get("consentId")))
                    .findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }
}
