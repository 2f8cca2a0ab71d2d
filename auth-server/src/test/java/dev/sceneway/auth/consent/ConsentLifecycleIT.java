package dev.sceneway.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The lifecycle against the real database: transitions, their audit trail, locking and the expiry job. */
@RecordApplicationEvents
class ConsentLifecycleIT extends AuthServerTestSupport {

    static final String PARTNER = "renovation-demo";
    static final String BANK = "lakeside";

    @Autowired
    private ConsentLifecycle lifecycle;

    @Autowired
    private ConsentJobs jobs;

    @Autowired
    private TestClock clock;

    @Autowired
    private ApplicationEvents events;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void lifecycleWhenCreatedAuthorisedAndRevokedThenEachTransitionIsAnAuditRowAndAnEvent() {
        StoredConsent created = lifecycle.create(PARTNER, BANK, accountAccess());
        ConsentView authorised = lifecycle.authorise(created.id(), "alice", List.of("LS-ALICE-CUR"));
        ConsentView revoked = lifecycle.revokeByCustomer(created.id(), "alice");

        assertThat(created.status()).isEqualTo(ConsentStatus.AWAITING_AUTHORISATION);
        assertThat(created.view().partnerName()).isEqualTo("Renovation demo partner");
        assertThat(authorised.status()).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(authorised.customer()).isEqualTo("alice");
        assertThat(authorised.accounts()).containsExactly("LS-ALICE-CUR");
        assertThat(revoked.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(auditTrail(created.id())).containsExactly(
                "null>AwaitingAuthorisation partner:renovation-demo created-by-partner",
                "AwaitingAuthorisation>Authorised customer:alice authorised-by-customer",
                "Authorised>Revoked customer:alice revoked-by-customer");
        assertThat(events.stream(ConsentStatusChanged.class).filter(e -> e.consent().id().equals(created.id())))
                .extracting(e -> e.from() + ">" + e.consent().status())
                .containsExactly("null>AWAITING_AUTHORISATION", "AWAITING_AUTHORISATION>AUTHORISED",
                        "AUTHORISED>REVOKED");
    }

    @Test
    void illegalTransitionsThenRefusedAndNothingRecorded() {
        StoredConsent rejected = lifecycle.create(PARTNER, BANK, accountAccess());
        lifecycle.reject(rejected.id(), "bob");
        StoredConsent awaiting = lifecycle.create(PARTNER, BANK, accountAccess());

        assertThatThrownBy(() -> lifecycle.authorise(rejected.id(), "bob", List.of("LS-BOB-CUR")))
                .isInstanceOf(ConsentStateException.class).hasMessageContaining("Rejected");
        assertThatThrownBy(() -> lifecycle.reject(rejected.id(), "bob")).isInstanceOf(ConsentStateException.class);
        assertThatThrownBy(() -> lifecycle.revokeByCustomer(rejected.id(), "bob"))
                .isInstanceOf(ConsentStateException.class);
        assertThatThrownBy(() -> lifecycle.revokeByPartner(PARTNER, BANK, rejected.id()))
                .isInstanceOf(ConsentStateException.class);
        assertThatThrownBy(() -> lifecycle.revokeByCustomer(awaiting.id(), "bob"))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> lifecycle.revokeByPartner("checkout-demo", BANK, awaiting.id()))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> lifecycle.authorise(awaiting.id(), "bob", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accounts");

        assertThat(auditTrail(rejected.id())).hasSize(2);
        assertThat(auditTrail(awaiting.id())).hasSize(1);
        assertThat(lifecycle.find(awaiting.id()).orElseThrow().status())
                .isEqualTo(ConsentStatus.AWAITING_AUTHORISATION);
    }

    @Test
    void revokeWhenAlreadyRevokedThenUnchangedAndNoSecondAuditRow() {
        StoredConsent consent = lifecycle.create(PARTNER, BANK, accountAccess());
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));

        lifecycle.revokeByPartner(PARTNER, BANK, consent.id());
        StoredConsent again = lifecycle.revokeByPartner(PARTNER, BANK, consent.id());
        ConsentView byCustomer = lifecycle.revokeByCustomer(consent.id(), "alice");

        assertThat(again.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(byCustomer.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(auditTrail(consent.id())).hasSize(3).last().asString()
                .isEqualTo("Authorised>Revoked partner:renovation-demo revoked-by-partner");
    }

    @Test
    void ofCustomerThenTheirAuthorisedAndRejectedConsentsAcrossPartnersNewestFirst() {
        StoredConsent first = lifecycle.create(PARTNER, BANK, accountAccess());
        lifecycle.authorise(first.id(), "carol", List.of("LS-CAROL-CUR"));
        clock.shift(Duration.ofSeconds(1));
        StoredConsent second = lifecycle.create("checkout-demo", "harbour", payment());
        lifecycle.reject(second.id(), "carol");
        lifecycle.create(PARTNER, BANK, accountAccess());

        assertThat(lifecycle.ofCustomer("carol")).extracting(ConsentView::id).containsExactly(second.id(), first.id());
    }

    @Test
    void auditTrailWhenUpdatedOrDeletedThenTheDatabaseRefuses() {
        StoredConsent consent = lifecycle.create(PARTNER, BANK, accountAccess());

        assertThatThrownBy(() -> jdbc.update(
                "UPDATE consent_event SET actor = 'someone-else' WHERE consent_id = ?::uuid", consent.id()))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM consent_event WHERE consent_id = ?::uuid", consent.id()))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE consent_event CASCADE"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(auditTrail(consent.id())).containsExactly(
                "null>AwaitingAuthorisation partner:renovation-demo created-by-partner");
    }

    @Test
    void concurrentAuthorisationsThenExactlyOneWins() throws Exception {
        StoredConsent consent = lifecycle.create(PARTNER, BANK, accountAccess());
        List<Callable<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String customer = "customer-" + i;
            attempts.add(() -> lifecycle.authorise(consent.id(), customer, List.of("LS-" + customer)));
        }

        List<Object> outcomes = runTogether(attempts);

        assertThat(outcomes).filteredOn(ConsentView.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConsentStateException.class::isInstance).hasSize(7);
        assertThat(auditTrail(consent.id())).hasSize(2);
    }

    @Test
    void concurrentAuthoriseAndPartnerRevokeThenTheTrailIsOneChainEndingRevoked() throws Exception {
        for (int round = 0; round < 5; round++) {
            StoredConsent consent = lifecycle.create(PARTNER, BANK, accountAccess());

            List<Object> outcomes = runTogether(List.of(
                    () -> lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR")),
                    () -> lifecycle.revokeByPartner(PARTNER, BANK, consent.id())));

            List<Map<String, Object>> trail = jdbc.queryForList("SELECT from_status, to_status FROM consent_event "
                    + "WHERE consent_id = ?::uuid ORDER BY id", consent.id());
            for (int i = 1; i < trail.size(); i++) {
                assertThat(trail.get(i).get("from_status")).isEqualTo(trail.get(i - 1).get("to_status"));
            }
            assertThat(trail.getLast().get("to_status")).isEqualTo("Revoked");
            // Either the authorisation came first (and was then revoked) or it lost to the revocation.
            boolean authorised = outcomes.getFirst() instanceof ConsentView;
            assertThat(trail).hasSize(authorised ? 3 : 2);
            assertThat(outcomes.get(1)).isInstanceOf(StoredConsent.class);
        }
    }

    @Test
    void expiryJobWhenPastExpiryOrAuthorisationWindowThenExpiredAndOthersUntouched() {
        StoredConsent shortLived = lifecycle.create(PARTNER, BANK, NewConsent.accountAccess(List.of("accounts"),
                clock.instant().plus(Duration.ofDays(1)), null));
        lifecycle.authorise(shortLived.id(), "alice", List.of("LS-ALICE-CUR"));
        StoredConsent neverAuthorised = lifecycle.create("checkout-demo", BANK, payment());
        StoredConsent paid = lifecycle.create("checkout-demo", BANK, payment());
        lifecycle.authorise(paid.id(), "alice", List.of("LS-ALICE-CUR"));
        StoredConsent longLived = lifecycle.create(PARTNER, BANK, accountAccess());
        lifecycle.authorise(longLived.id(), "alice", List.of("LS-ALICE-CUR"));

        clock.shift(Duration.ofMinutes(59));
        jobs.expireDue();
        assertThat(status(neverAuthorised)).isEqualTo(ConsentStatus.AWAITING_AUTHORISATION);

        clock.shift(Duration.ofHours(25));
        jobs.expireDue();

        assertThat(status(shortLived)).isEqualTo(ConsentStatus.EXPIRED);
        assertThat(status(neverAuthorised)).isEqualTo(ConsentStatus.EXPIRED);
        assertThat(status(paid)).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(status(longLived)).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(auditTrail(shortLived.id())).last().asString().isEqualTo("Authorised>Expired system expired");
        assertThat(auditTrail(neverAuthorised.id())).last().asString()
                .isEqualTo("AwaitingAuthorisation>Expired system not-authorised-in-time");
        assertThat(jobs.expireDue()).as("nothing left to expire").isZero();
    }

    @Test
    void authoriseWhenTheAuthorisationWindowHasPassedThenRefusedAndExpiredEvenBeforeTheJobRan() {
        StoredConsent consent = lifecycle.create(PARTNER, BANK, accountAccess());
        clock.shift(Duration.ofMinutes(61));

        assertThatThrownBy(() -> lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR")))
                .isInstanceOf(ConsentStateException.class).hasMessageContaining("expired");
        assertThat(status(consent)).isEqualTo(ConsentStatus.EXPIRED);
        assertThat(auditTrail(consent.id())).last().asString()
                .isEqualTo("AwaitingAuthorisation>Expired system not-authorised-in-time");
    }

    @Test
    void consumeWhenAuthorisedPaymentThenConsumedOnceAndIdempotent() {
        StoredConsent consent = lifecycle.create("checkout-demo", BANK, payment());
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));

        assertThat(lifecycle.consume(consent.id(), BANK, "pay-1")).get().extracting(ConsentView::status)
                .isEqualTo(ConsentStatus.CONSUMED);
        assertThat(lifecycle.consume(consent.id(), BANK, "pay-1")).get().extracting(ConsentView::status)
                .isEqualTo(ConsentStatus.CONSUMED);
        assertThat(lifecycle.consume(consent.id(), "harbour", "pay-1")).isEmpty();
        assertThatThrownBy(() -> lifecycle.revokeByCustomer(consent.id(), "alice"))
                .isInstanceOf(ConsentStateException.class);
        assertThat(auditTrail(consent.id())).hasSize(3).last().asString()
                .isEqualTo("Authorised>Consumed system payment-made:pay-1");
    }

    private ConsentStatus status(StoredConsent consent) {
        return lifecycle.find(consent.id()).orElseThrow().status();
    }

    /** "from>to actor reason" per audit row, oldest first. */
    List<String> auditTrail(String consentId) {
        return jdbc.query("SELECT from_status, to_status, actor, reason FROM consent_event WHERE consent_id = ?::uuid "
                + "ORDER BY id", (rs, row) -> rs.getString("from_status") + ">" + rs.getString("to_status") + " "
                + rs.getString("actor") + " " + rs.getString("reason"), consentId);
    }

    static NewConsent accountAccess() {
        return NewConsent.accountAccess(List.of("accounts", "balances"), null, null);
    }

    static NewConsent payment() {
        return NewConsent.payment(new PaymentTerms(new BigDecimal("25.00"), "EUR", "LS-SHOP-MERCHANT",
                "Checkout demo shop", "ORDER-1001"));
    }

    /** Starts every task at the same moment; each outcome is the task's result or the exception it threw. */
    private static List<Object> runTogether(List<Callable<?>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
