package dev.sceneway.products.payments;

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
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds a payment to a merchant, in ONE database transaction: lock the payment's row (so the refunds of one
 * payment run one after another and their total is checked against what is really there), check, record the
 * refund under its idempotency key, book the ledger transaction merchant → payer. A refund the merchant cannot pay
 * rolls back whole: nothing recorded, the key free for the same request later.
 */
@Service
class RefundService {

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final LedgerAccounts accounts;
    private final Ledger ledger;
    private final Clock clock = Clock.systemUTC();

    RefundService(PaymentRepository payments, RefundRepository refunds, LedgerAccounts accounts, Ledger ledger) {
        this.payments = payments;
        this.refunds = refunds;
        this.accounts = accounts;
        this.ledger = ledger;
    }

    @Transactional
    RefundRecord refund(String partner, String idempotencyKey, RefundOrder order) {
        String hash = order.fingerprint();
        var earlier = refunds.findByKey(partner, idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        // Read under its lock: the refunds of one payment run one after another, and a pending payment the payment
        // run completes meanwhile is seen as it is now.
        PaymentRecord payment = payments.lock(order.paymentId())
                .filter(found -> found.partner().equals(partner))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "This partner made no payment " + order.paymentId() + " at this bank."));
        if (payment.status() == PaymentRecord.Status.REJECTED) {
            throw new ProblemException(ProblemType.PAYMENT_NOT_REFUNDABLE,
                    "The payment was rejected; nothing was paid that could be refunded.");
        }
        if (payment.status() == PaymentRecord.Status.PENDING) {
            throw new ProblemException(ProblemType.PAYMENT_NOT_REFUNDABLE,
                    "The payment is still pending; nothing has been paid yet that could be refunded.");
        }
        boolean toMerchant = accounts.find(payment.creditorAccount())
                .map(account -> account.owner().type() == LedgerAccount.OwnerType.MERCHANT).orElse(false);
        if (!toMerchant) {
            throw new ProblemException(ProblemType.PAYMENT_NOT_REFUNDABLE,
                    "Only payments to a merchant account can be refunded by the partner.");
        }
        if (!order.currency().equals(payment.currency())) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "currency must be the payment's currency, " + payment.currency() + ".");
        }
        BigDecimal refunded = refunds.refundedTotal(payment.paymentId());
        BigDecimal total = refunded.add(order.amount());
        if (total.compareTo(payment.amount()) > 0) {
            throw new ProblemException(ProblemType.REFUND_EXCEEDS_PAYMENT, "The payment of "
                    + money(payment.amount()) + " " + payment.currency() + " has " + money(refunded)
                    + " refunded; at most " + money(payment.amount().subtract(refunded)) + " can still be refunded.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RefundRecord refund = new RefundRecord(UUID.randomUUID(), partner, hash, payment.paymentId(),
                payment.creditorAccount(), payment.debtorAccount(), order.amount(), order.currency(),
                order.reference(), total, now);
        if (!refunds.insert(refund, idempotencyKey)) {
            // The same key, committed by a concurrent request meanwhile (the unique constraint waited for it).
            return replay(refunds.findByKey(partner, idempotencyKey).orElseThrow(), hash);
        }
        try {
            ledger.book(NewTransaction.transfer(refund.refundId(), "refund", order.reference(), now,
                    refund.fromAccount(), refund.toAccount(), order.amount()));
        } catch (LedgerException.InsufficientFunds e) {
            throw new ProblemException(ProblemType.INSUFFICIENT_FUNDS,
                    "The merchant's account cannot pay this refund now; nothing moved.");
        } catch (LedgerException e) {
            throw new ProblemException(ProblemType.PAYMENT_NOT_REFUNDABLE,
                    "The accounts of the payment can no longer take this refund: " + e.getMessage());
        }
        return refund;
    }

    private static RefundRecord replay(RefundRecord first, String hash) {
        if (!first.requestHash().equals(hash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This idempotency key was used for a different refund. Use a new key for a new refund.");
        }
        return first;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
