package dev.sceneway.products.payments;

import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.consent.PaymentTerms;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.LedgerAccounts;
import dev.sceneway.products.ledger.LedgerException;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the payment a consent allows, in ONE database transaction: claim the idempotency key, record the consent's
 * use, book the ledger transaction. Either all of it commits or none of it does, so a crash between steps leaves
 * nothing behind and the retry (same key) starts over; a retry after the commit finds the key and gets the same
 * payment.
 *
 * <p>The consent's use and the booking run inside a savepoint: when the booking is refused (funds, unknown creditor,
 * currency) only they roll back, the payment stays as {@code rejected} (so the key keeps answering the same) and the
 * consent stays unused.
 */
@Service
class PaymentService {

    static final String INSUFFICIENT_FUNDS = "insufficient-funds";
    static final String CREDITOR_UNKNOWN = "creditor-account-unknown";
    static final String CURRENCY_MISMATCH = "currency-mismatch";

    private final PaymentRepository payments;
    private final LedgerAccounts accounts;
    private final Ledger ledger;
    private final TransactionTemplate savepoint;
    private final Clock clock = Clock.systemUTC();

    PaymentService(PaymentRepository payments, LedgerAccounts accounts, Ledger ledger,
            PlatformTransactionManager transactions) {
        this.payments = payments;
        this.accounts = accounts;
        this.ledger = ledger;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Transactional
    PaymentRecord pay(CustomerConsent consent, String idempotencyKey, PaymentOrder order) {
        PaymentTerms terms = checkTerms(consent, order);
        accounts.find(order.debtorAccount())
                .filter(account -> account.owner().isCustomer(consent.customer()))
                .orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                        "The debtor account is not an account of the customer who granted the consent."));
        // Microseconds: what PostgreSQL stores, so the first answer and every replay show the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PaymentRecord payment = new PaymentRecord(UUID.randomUUID(), consent.partner(),
                order.fingerprint(consent.consentId()), consent.consentId(), order.debtorAccount(),
                order.creditorAccount(), terms.creditorName(), order.amount(), order.currency(), order.reference(),
                PaymentRecord.Status.COMPLETED, null, now);
        if (!payments.claim(payment, consent.customer(), idempotencyKey)) {
            return replay(consent, idempotencyKey, payment.requestHash());
        }
        String refusal = savepoint.execute(status -> {
            String reason = book(payment, now);
            if (reason != null) {
                status.setRollbackOnly(); // back to the savepoint: no consent use, no entries
            }
            return reason;
        });
        if (refusal != null) {
            payments.reject(payment.paymentId(), refusal);
            return payments.find(payment.paymentId()).orElseThrow();
        }
        return payment;
    }

    /** The use of the consent and the booking; the reason when the ledger refused (then both are rolled back). */
    private @Nullable String book(PaymentRecord payment, Instant now) {
        if (!payments.recordUse(payment.consentId(), payment.paymentId(), now)) {
            throw new ProblemException(ProblemType.CONSENT_CONSUMED,
                    "The payment consent has already been used for a payment.");
        }
        try {
            ledger.book(NewTransaction.transfer(payment.paymentId(), "payment", payment.reference(), now,
                    payment.debtorAccount(), payment.creditorAccount(), payment.amount()));
            return null;
        } catch (LedgerException.InsufficientFunds e) {
            return INSUFFICIENT_FUNDS;
        } catch (LedgerException.UnknownAccount e) {
            return CREDITOR_UNKNOWN;
        } catch (LedgerException.Unbalanced e) {
            return CURRENCY_MISMATCH;
        }
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
