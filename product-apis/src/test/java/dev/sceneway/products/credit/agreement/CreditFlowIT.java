package dev.sceneway.products.credit.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.LakesideInstanceTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The credit flow at lakeside, through the HTTP API (every response checked against credit.yaml): apply, decide
 * (personas of the simulated bureau), disclose, accept, pay the merchant (whole or in tranches), service, repay
 * early or withdraw; and the ledger stays balanced through all of it.
 */
class CreditFlowIT extends LakesideInstanceTest {

    static final String CREDIT = "/v1/banks/lakeside/credit";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    InstalmentCollector collector;

    String customer;
    String account;
    String merchant;
    ConsentTokens.Builder consent;

    @BeforeEach
    void borrower() {
        String suffix = Long.toString(System.nanoTime(), 36).toUpperCase() + SEQUENCE.incrementAndGet();
        customer = "borrower" + suffix.toLowerCase();
        account = "B" + suffix + "-CUR";
        jdbc.sql("""
                        INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                             opened_on)
                        VALUES (:id, 'customer', :owner, 'current', 'Current account', 'EUR', 0.00, CURRENT_DATE)""")
                .param("id", account).param("owner", customer).update();
        // A merchant of the test's own: the sandbox merchants' seeded balances stay as documented (SandboxLedgerIT).
        merchant = "M" + suffix + "-WORKS";
        jdbc.sql("""
                        INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                             opened_on)
                        VALUES (:id, 'merchant', :owner, 'merchant', 'Test works', 'EUR', 0.00, CURRENT_DATE)""")
                .param("id", merchant).param("owner", "works-" + suffix.toLowerCase()).update();
        fund("5000.00");
        consent = ConsentTokens.credit(customer, "lakeside");
    }

    @Test
    void approvedApplicationAcceptedThenTheMerchantIsPaidTheLoanIsOwedAndTheLedgerBalances() throws Exception {
        String application = apply(consent.sign(), key(), body(customer, "6000.00", 12, null))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("approved"))
                .andExpect(jsonPath("$.offer.instalment").exists())
                .andReturn().getResponse().getContentAsString();
        String applicationId = JsonPath.read(application, "$.applicationId");
        BigDecimal merchantBefore = balance(merchant);
        BigDecimal feesBefore = balance("LS-BANK-FEES");

        String agreement = accept(consent.sign(), applicationId, digest(consent.sign(), applicationId))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.principal").value("6000.00"))
                .andExpect(jsonPath("$.schedule.length()").value(12))
                .andExpect(jsonPath("$.nextInstalment.number").value(1))
                .andExpect(jsonPath("$.tranches[0].status").value("released"))
                .andReturn().getResponse().getContentAsString();
        String loan = JsonPath.read(agreement, "$.loanAccountId");

        // 6,000.00 at the renovation product's 5.49 % has a 150.00 arrangement fee paid by the customer at signing.
        assertThat(balance(loan)).isEqualByComparingTo("-6000.00");
        assertThat(balance(merchant).subtract(merchantBefore)).isEqualByComparingTo("6000.00");
        assertThat(balance("LS-BANK-FEES").subtract(feesBefore)).isEqualByComparingTo("150.00");
        assertThat(balance(account)).isEqualByComparingTo("4850.00");
        assertLedgerBalanced();
    }

    @Test
    void acceptingTwiceGivesTheSameAgreementAndPaysTheMerchantOnce() throws Exception {
        String applicationId = approved("6000.00", 12, null);
        String digest = digest(consent.sign(), applicationId);
        BigDecimal merchantBefore = balance(merchant);
        String first = JsonPath.read(accept(consent.sign(), applicationId, digest).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.agreementId");
        String second = JsonPath.read(accept(consent.sign(), applicationId, digest).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.agreementId");

        assertThat(second).isEqualTo(first);
        assertThat(balance(merchant).subtract(merchantBefore)).isEqualByComparingTo("6000.00");
    }

    @Test
    void stagedDrawdownsPayTheFirstTrancheAtSigningAndTheNextWhenItsMilestoneIsReportedOnce() throws Exception {
        String applicationId = approved("10000.00", 24, """
                [{"milestone":"Deposit","amount":"4000.00"},{"milestone":"Kitchen installed","amount":"6000.00"}]""");
        BigDecimal merchantBefore = balance(merchant);
        String agreement = accept(consent.sign(), applicationId, digest(consent.sign(), applicationId))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tranches[1].status").value("awaiting"))
                .andReturn().getResponse().getContentAsString();
        String agreementId = JsonPath.read(agreement, "$.agreementId");
        assertThat(balance(merchant).subtract(merchantBefore)).isEqualByComparingTo("4000.00");

        for (int i = 0; i < 2; i++) {
            mvc.perform(post(CREDIT + "/agreements/" + agreementId + "/milestones").header("Authorization",
                            bearer(consent.sign())).header("x-idempotency-key", key())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"trancheNumber\":2}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.tranches[1].status").value("released"));
        }
        assertThat(balance(merchant).subtract(merchantBefore)).isEqualByComparingTo("10000.00");
        mvc.perform(post(CREDIT + "/agreements/" + agreementId + "/milestones").header("Authorization",
                        bearer(consent.sign())).header("x-idempotency-key", key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"trancheNumber\":3}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/credit-state-conflict"));
        assertLedgerBalanced();
    }

    @Test
    void earlyRepaymentAtTodaysQuoteClosesTheLoanAndAWrongAmountMovesNothing() throws Exception {
        fund("2000.00");
        String agreementId = signed("6000.00", 12);
        String quote = mvc.perform(get(CREDIT + "/agreements/" + agreementId + "/early-repayment-quote")
                        .header("Authorization", bearer(consent.sign())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outstandingPrincipal").value("6000.00"))
                .andReturn().getResponse().getContentAsString();
        String total = JsonPath.read(quote, "$.total");
        BigDecimal before = balance(account);

        repay(agreementId, "1.00").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/early-repayment-amount-changed"));
        assertThat(balance(account)).isEqualByComparingTo(before);

        repay(agreementId, total).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("repaid"))
                .andExpect(jsonPath("$.outstandingPrincipal").value("0.00"))
                .andExpect(jsonPath("$.schedule[0].status").value("cancelled"));
        assertThat(before.subtract(balance(account))).isEqualByComparingTo(total);
        repay(agreementId, total).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("repaid"));
        assertThat(before.subtract(balance(account))).isEqualByComparingTo(total);
        assertLedgerBalanced();
    }

    @Test
    void withdrawalWithinTheWindowRepaysThePrincipalRefundsTheFeeAndClosesTheAgreement() throws Exception {
        fund("2000.00");
        String agreement = signedJson("6000.00", 12);
        String agreementId = JsonPath.read(agreement, "$.agreementId");
        String amount = JsonPath.read(agreement, "$.withdrawalAmount");
        assertThat(new BigDecimal(amount)).isEqualByComparingTo("5850.00"); // signed today: no interest, fee back

        mvc.perform(post(CREDIT + "/agreements/" + agreementId + "/withdrawal").header("Authorization",
                        bearer(consent.sign())).header("x-idempotency-key", key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"" + amount + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("withdrawn"));
        // 7,000.00 − 150.00 fee at signing − 5,850.00 withdrawal (the 6,000.00 less the fee refunded)
        assertThat(balance(account)).isEqualByComparingTo("1000.00");
        assertLedgerBalanced();
    }

    @Test
    void instalmentsAreCollectedOnTheirDueDateAndAMissedOneIsReportedOnce() throws Exception {
        String agreement = signedJson("6000.00", 12);
        String agreementId = JsonPath.read(agreement, "$.agreementId");
        LocalDate firstDue = LocalDate.parse(JsonPath.read(agreement, "$.schedule[0].dueDate"));
        String firstAmount = JsonPath.read(agreement, "$.schedule[0].instalment");
        BigDecimal before = balance(account);

        collector.collect(firstDue.minusDays(1));
        assertThat(balance(account)).isEqualByComparingTo(before);
        collector.collect(firstDue);
        assertThat(before.subtract(balance(account))).isEqualByComparingTo(firstAmount);

        // Empty the account: the second instalment is missed, and the miss is reported once however often it runs.
        BigDecimal rest = balance(account);
        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "transfer", "Spent", Instant.now(), account,
                "LS-BANK-CLEARING", rest));
        LocalDate secondDue = firstDue.plusMonths(1);
        collector.collect(secondDue);
        collector.collect(secondDue.plusDays(1));
        mvc.perform(get(CREDIT + "/agreements/" + agreementId).header("Authorization", bearer(consent.sign())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schedule[0].status").value("paid"))
                .andExpect(jsonPath("$.schedule[1].status").value("missed"))
                .andExpect(jsonPath("$.nextInstalment.number").value(2));
        assertThat(events(agreementId, "credit.instalment.missed")).isEqualTo(1);
        assertThat(events(agreementId, "credit.instalment.due")).isGreaterThanOrEqualTo(2);
        assertLedgerBalanced();
    }

    @Test
    void personasAreReferredOrDeclinedWithReasonsAndADeclinedOfferCannotBeAccepted() throws Exception {
        ConsentTokens.Builder bob = ConsentTokens.credit("bob", "lakeside");
        apply(bob.sign(), key(), body("bob", "6000.00", 12, null))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("referred"))
                .andExpect(jsonPath("$.declineReasons[0]").value("credit-score-borderline"))
                .andExpect(jsonPath("$.offer").doesNotExist());
        ConsentTokens.Builder carol = ConsentTokens.credit("carol", "lakeside");
        String declined = apply(carol.sign(), key(), body("carol", "6000.00", 12, null))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("declined"))
                .andExpect(jsonPath("$.declineReasons[0]").value("adverse-credit-record"))
                .andExpect(jsonPath("$.declineReasons[1]").value("credit-score-too-low"))
                .andReturn().getResponse().getContentAsString();
        accept(carol.sign(), JsonPath.read(declined, "$.applicationId"), "0".repeat(64))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/credit-state-conflict"));
    }

    @Test
    void aSlowBureauLeavesTheApplicationPendingAndTheRetryJobDecidesItAndQueuesTheEvent() throws Exception {
        ConsentTokens.Builder dave = ConsentTokens.credit("dave", "lakeside");
        String pending = apply(dave.sign(), key(), body("dave", "6000.00", 12, null))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("pending"))
                .andReturn().getResponse().getContentAsString();
        String applicationId = JsonPath.read(pending, "$.applicationId");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> mvc.perform(get(CREDIT + "/applications/"
                        + applicationId).header("Authorization", bearer(dave.sign())))
                .andExpect(jsonPath("$.status").value("approved")));
        assertThat(jdbc.sql("SELECT count(*) FROM credit_event WHERE type = 'credit.application.decided'"
                        + " AND payload LIKE :id").param("id", "%" + applicationId + "%").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theSameKeyReplaysTheApplicationAndAnotherBodyWithItIsRefused() throws Exception {
        String key = key();
        String first = JsonPath.read(apply(consent.sign(), key, body(customer, "6000.00", 12, null))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.applicationId");
        String again = JsonPath.read(apply(consent.sign(), key, body(customer, "6000.00", 12, null))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.applicationId");
        assertThat(again).isEqualTo(first);
        apply(consent.sign(), key, body(customer, "6100.00", 12, null))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/idempotency-key-reused"));
    }

    @Test
    void badApplicationsAreRefusedWithTheirReason() throws Exception {
        apply(consent.sign(), key(), body(customer, "100.00", 12, null))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/credit-terms-not-offered"));
        apply(consent.sign(), key(), body(customer, "6000.00", 12, """
                [{"milestone":"A","amount":"1000.00"},{"milestone":"B","amount":"1000.00"}]"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/credit-terms-not-offered"));
        // Another customer's account as the repayment account.
        apply(consent.sign(), key(), body(customer, "6000.00", 12, null).replace(account, "LS-ALICE-CUR"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/resource-not-in-consent"));
        // A consent without the bureau-check permission.
        apply(consent.permissions("share-application-data").sign(), key(), body(customer, "6000.00", 12, null))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/consent-permission-missing"));
    }

    @Test
    void aWrongDisclosureDigestIsRefusedAndNothingIsSigned() throws Exception {
        String applicationId = approved("6000.00", 12, null);
        accept(consent.sign(), applicationId, "ab".repeat(32))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/disclosure-mismatch"));
        assertThat(jdbc.sql("SELECT count(*) FROM credit_agreement WHERE application_id = :id::uuid")
                .param("id", applicationId).query(Integer.class).single()).isZero();
    }

    private String approved(String amount, int months, String tranches) throws Exception {
        return JsonPath.read(apply(consent.sign(), key(), body(customer, amount, months, tranches))
                .andExpect(jsonPath("$.status").value("approved"))
                .andReturn().getResponse().getContentAsString(), "$.applicationId");
    }

    private String signed(String amount, int months) throws Exception {
        return JsonPath.read(signedJson(amount, months), "$.agreementId");
    }

    private String signedJson(String amount, int months) throws Exception {
        String applicationId = approved(amount, months, null);
        return accept(consent.sign(), applicationId, digest(consent.sign(), applicationId))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    private String digest(String token, String applicationId) throws Exception {
        return JsonPath.read(mvc.perform(get(CREDIT + "/applications/" + applicationId + "/disclosure")
                        .header("Authorization", bearer(token)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.digest");
    }

    private ResultActions apply(String token, String key, String body) throws Exception {
        return mvc.perform(post(CREDIT + "/applications").header("Authorization", bearer(token))
                .header("x-idempotency-key", key).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions accept(String token, String applicationId, String digest) throws Exception {
        return mvc.perform(post(CREDIT + "/applications/" + applicationId + "/acceptance")
                .header("Authorization", bearer(token)).header("x-idempotency-key", key())
                .contentType(MediaType.APPLICATION_JSON).content("{\"disclosureDigest\":\"" + digest + "\"}"));
    }

    private ResultActions repay(String agreementId, String amount) throws Exception {
        return mvc.perform(post(CREDIT + "/agreements/" + agreementId + "/early-repayments")
                .header("Authorization", bearer(consent.sign())).header("x-idempotency-key", key())
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"" + amount + "\"}"));
    }

    private String body(String who, String amount, int months, String tranches) {
        String repayment = who.equals(customer) ? account : "LS-" + who.toUpperCase() + "-CUR";
        return """
                {"productId":"lakeside-renovation","repaymentMethod":"ANNUITY","amount":"%s","currency":"EUR",
                 "termMonths":%d,"merchantAccountId":"%s","repaymentAccountId":"%s",
                 "orderReference":"RENO-1","applicant":{"monthlyNetIncome":"4200.00","monthlyHousingCost":"900.00",
                 "employmentStatus":"EMPLOYED","dependants":1}%s}"""
                .formatted(amount, months, merchant, repayment, tranches == null ? "" : ",\"stagedDrawdowns\":" + tranches);
    }

    private void fund(String amount) {
        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "opening-balance", "Funding", Instant.now(),
                "LS-BANK-CLEARING", account, new BigDecimal(amount)));
    }

    private BigDecimal balance(String accountId) {
        return jdbc.sql("SELECT booked_balance FROM account WHERE account_id = :id").param("id", accountId)
                .query(BigDecimal.class).single();
    }

    private int events(String agreementId, String type) {
        return jdbc.sql("SELECT count(*) FROM credit_event WHERE type = :type AND payload LIKE :id")
                .param("type", type).param("id", "%" + agreementId + "%").query(Integer.class).single();
    }

    private void assertLedgerBalanced() {
        List<BigDecimal> sums = jdbc.sql("SELECT sum(amount) FROM ledger_entry GROUP BY currency")
                .query(BigDecimal.class).list();
        assertThat(sums).allSatisfy(sum -> assertThat(sum).isEqualByComparingTo("0"));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM account a WHERE a.booked_balance <>
                            COALESCE((SELECT sum(e.amount) FROM ledger_entry e WHERE e.account_id = a.account_id), 0)""")
                .query(Integer.class).single()).isZero();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
