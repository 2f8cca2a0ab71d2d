package dev.sceneway.products.payments;

import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.consent.PaymentTerms;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.LedgerAccount;
import dev.sceneway.products.ledger.LedgerAccounts;
import dev.sceneway.products.ledger.LedgerException;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Makes the payment a consent allows, in one database transaction with its idempotency key and the consent's use.
 * <ul>
 *   <li>Within the bank's instant limit the payment is executed at once: the ledger locks the accounts (in id order:
 *   identical concurrent requests queue here) and books it, or refuses it (funds, unknown creditor, currency: nothing
 *   written); then the payment is recorded in its final status under {@code (partner, idempotency key)} (a key already
 *   taken rolls the booking back and the first payment is the answer); a completed payment records the consent's use
 *   (already used: everything rolls back, {@code consent-consumed}). A rejected payment leaves the consent unused. A
 *   crash anywhere leaves nothing behind; the retry (same key) starts over; a retry after the commit gets the same
 *   payment. Such a payment goes from pending to its final status inside the transaction: only that is ever seen.</li>
 *   <li>Above the limit it commits {@code pending} with the consent's use (the instruction has used the consent), and
 *   the payment run ({@link #execute}) books it later, under the payment's row lock: {@code completed}, or refused and
 *   {@code rejected} (the consent stays used).</li>
 * </ul>
 */
@Service
class PaymentService {

    static final String INSUFFICIENT_FUNDS = "insufficient-funds";
    static final String CREDITOR_UNKNOWN = "creditor-account-unknown";
    static final String CURRENCY_MISMATCH = "currency-mismatch";

    private final PaymentRepository payments;
    private final LedgerAccounts accounts;
    private final Ledger ledger;
    private final PaymentsProperties properties;
    private final Clock clock = Clock.systemUTC();

    PaymentService(PaymentRepository payments, LedgerAccounts accounts, Ledger ledger, PaymentsProperties properties) {
        this.payments = payments;
        this.accounts = accounts;
        this.ledger = ledger;
        this.properties = properties;
    }

    @Transactional
    PaymentRecord pay(CustomerConsent consent, String idempotencyKey, PaymentOrder order) {
        PaymentTerms terms = checkTerms(consent, order);
        // Microseconds: what PostgreSQL stores, so the first answer and every replay show the same instant.
        Instant now = now();
        PaymentRecord payment = new PaymentRecord(UUID.randomUUID(), consent.partner(),
                order.fingerprint(consent.consentId()), consent.consentId(), order.debtorAccount(),
                order.creditorAccount(), terms.creditorName(), order.amount(), order.currency(), order.reference(),
                PaymentRecord.Status.PENDING, null, now, now);
        if (!properties.isInstant(order.amount())) {
            checkDebtor(consent, accounts.find(order.debtorAccount()).orElse(null));
            if (!payments.claim(payment, consent.customer(), idempotencyKey)) {
                return replay(consent, idempotencyKey, payment.requestHash());
            }
            recordUse(payment, now);
            return payment;
        }
        // Instant: executed first (under the accounts' row locks, which also serialise identical requests), then
        // recorded in its final status under its key. A key already taken rolls the booking back: the first payment
        // is the answer, nothing moved twice.
        String refusal = book(payment, now, locked -> checkDebtor(consent, locked.get(payment.debtorAccount())));
        PaymentRecord decided = refusal == null ? payment.moved(PaymentRecord.Status.COMPLETED, null, now)
                : payment.moved(PaymentRecord.Status.REJECTED, refusal, now);
        if (!payments.claim(decided, consent.customer(), idempotencyKey)) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return replay(consent, idempotencyKey, payment.requestHash());
        }
        if (refusal == null) {
            recordUse(payment, now); // already used: the booking rolls back with everything else
        }
        return decided;
    }

    private static void checkDebtor(CustomerConsent consent, @Nullable LedgerAccount debtor) {
        if (debtor == null || !debtor.owner().isCustomer(consent.customer())) {
            throw new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                    "The debtor account is not an account of the customer who granted the consent.");
        }
    }

    /**
     * The payment run's step for one pending payment: book it under its row lock, completed or rejected. Nothing when
     * it is no longer pending or another run holds it.
     *
     * @return the payment as it ends, if this call moved it
     */
    @Transactional
    Optional<PaymentRecord> execute(UUID paymentId) {
        return payments.lockPending(paymentId).map(payment -> {
            Instant now = now();
            return conclude(payment, book(payment, now, locked -> {
            }), now);
        });
    }

    private PaymentRecord conclude(PaymentRecord payment, @Nullable String refusal, Instant now) {
        if (refusal != null) {
            payments.reject(payment.paymentId(), refusal, now);
            return payment.moved(PaymentRecord.Status.REJECTED, refusal, now);
        }
        payments.complete(payment.paymentId(), now);
        return payment.moved(PaymentRecord.Status.COMPLETED, null, now);
    }

    private void recordUse(PaymentRecord payment, Instant now) {
        if (!payments.recordUse(payment.consentId(), payment.paymentId(), now)) {
            throw consentConsumed();
        }
    }

    private static ProblemException consentConsumed() {
        return new ProblemException(ProblemType.CONSENT_CONSUMED,
                "The payment consent has already been used for a payment.");
    }

    /** The booking; the reason when the ledger refused it (then the ledger wrote nothing). */
    private @Nullable String book(PaymentRecord payment, Instant now,
            Consumer<Map<String, LedgerAccount>> precondition) {
        try {
            ledger.book(NewTransaction.transfer(payment.paymentId(), "payment", payment.reference(), now,
                    payment.debtorAccount(), payment.creditorAccount(), payment.amount()), precondition);
            return null;
        } catch (LedgerException.InsufficientFunds e) {
            return INSUFFICIENT_FUNDS;
        } catch (LedgerException.UnknownAccount e) {
            return CREDITOR_UNKNOWN;
        } catch (LedgerException.Unbalanced e) {
            return CURRENCY_MISMATCH;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private PaymentRecord replay(CustomerConsent consent, String idempotencyKey, String requestHash) {
        PaymentRecord first = payments.findByKey(consent.partner(), idempotencyKey).orElseThrow(
                () -> new IllegalStateException("the idempotency key was taken but its payment is not visible"));
        if (!first.requestHash().equals(requestHash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This idempotency key was used for a different payment request. Use a new key for a new payment.");
        }
        return first;
    }

    /** The request must be exactly what the customer authorised: terms, and the debtor account the customer picked. */
    private static PaymentTerms checkTerms(CustomerConsent consent, PaymentOrder order) {
        PaymentTerms terms = Objects.requireNonNull(consent.payment(), "a payment consent carries its terms");
        boolean same = sameAmount(terms.amount(), order.amount())
                && terms.currency().equals(order.currency())
                && terms.creditorAccount().equals(order.creditorAccount())
                && terms.reference().equals(order.reference())
                && !consent.accounts().isEmpty()
                && consent.accounts().getFirst().equals(order.debtorAccount());
        if (!same) {
            throw new ProblemException(ProblemType.CONSENT_TERMS_MISMATCH,
                    "The payment differs from what the customer authorised (amount, currency, creditor account,"
                            + " reference or debtor account).");
        }
        return terms;
    }

    private static boolean sameAmount(String authorised, BigDecimal requested) {
        try {
            return new BigDecimal(authorised).compareTo(requested) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
