package dev.sceneway.products.deposits;

import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.LedgerAccount;
import dev.sceneway.products.ledger.LedgerAccounts;
import dev.sceneway.products.ledger.LedgerException;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.ledger.Posting;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens term deposits and pays them out at maturity. Opening is ONE database transaction: claim the idempotency key
 * (the deposit row, with its terms), open the deposit account, book source → deposit. Funds refused, or a crash
 * anywhere, and none of it exists; the retry with the same key starts over. Maturity is one transaction per deposit:
 * deposit −principal, the bank's interest-expense account −interest, source +maturity amount, status matured.
 */
@Service
class TermDepositService {

    static final String NOT_IN_CONSENT = "The account addressed is not covered by the consent.";

    private final TermDepositRepository deposits;
    private final TermDepositProducts products;
    private final LedgerAccounts accounts;
    private final Ledger ledger;
    private final DepositsProperties properties;
    private final Clock clock;

    TermDepositService(TermDepositRepository deposits, TermDepositProducts products, LedgerAccounts accounts,
            Ledger ledger, DepositsProperties properties, Clock clock) {
        this.deposits = deposits;
        this.products = products;
        this.accounts = accounts;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** Today in the bank's calendar. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(properties.timeZone()));
    }

    @Transactional
    TermDepositRecord open(CustomerConsent consent, String idempotencyKey, TermDepositOrder order) {
        String hash = order.fingerprint(consent.consentId());
        var earlier = deposits.findByKey(consent.partner(), idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        LedgerAccount source = sourceAccount(consent, order.sourceAccount());
        TermDepositProduct product = products.find(order.productId()).filter(TermDepositProduct::active)
                .orElseThrow(() -> new ProblemException(ProblemType.DEPOSIT_TERMS_NOT_OFFERED,
                        "The bank offers no term-deposit product " + order.productId() + "."));
        if (!product.takes(order.amount(), order.currency())) {
            throw new ProblemException(ProblemType.DEPOSIT_TERMS_NOT_OFFERED, "Product " + product.productId()
                    + " takes " + product.minAmount().toPlainString() + " to " + product.maxAmount().toPlainString()
                    + " " + product.currency().getCurrencyCode() + ".");
        }
        if (!source.currency().equals(product.currency())) {
            throw new ProblemException(ProblemType.DEPOSIT_TERMS_NOT_OFFERED, "The source account is in "
                    + source.currency().getCurrencyCode() + "; product " + product.productId() + " takes "
                    + product.currency().getCurrencyCode() + ".");
        }
        // Microseconds: what PostgreSQL stores, so the first answer and every replay show the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MaturityTerms terms = MaturityTerms.of(order.amount(), product.annualRatePercent(), today(),
                product.termMonths());
        TermDepositRecord deposit = new TermDepositRecord(newAccountId(), consent.partner(), hash,
                consent.consentId(), consent.customer(), product.productId(), source.accountId(),
                order.amount().setScale(Posting.SCALE), order.currency(), product.annualRatePercent(),
                product.termMonths(), terms, TermDepositRecord.Status.ACTIVE, now, null);
        if (!deposits.claim(deposit, idempotencyKey)) {
            // The same key, committed by a concurrent request meanwhile (the unique constraint waited for it).
            return replay(deposits.findByKey(consent.partner(), idempotencyKey).orElseThrow(), hash);
        }
        accounts.open(deposit.termDepositId(), source.owner(), LedgerAccount.Kind.DEPOSIT, product.name(),
                product.currency(), BigDecimal.ZERO.setScale(Posting.SCALE), terms.startDate());
        try {
            ledger.book(NewTransaction.transfer(UUID.randomUUID(), "term-deposit",
                    "Term deposit " + deposit.termDepositId() + " until " + terms.maturityDate(), now,
                    source.accountId(), deposit.termDepositId(), deposit.principal()));
        } catch (LedgerException.InsufficientFunds e) {
            throw new ProblemException(ProblemType.INSUFFICIENT_FUNDS,
                    "The source account cannot pay this deposit now; nothing moved.");
        }
        return deposit;
    }

    /** A deposit opened under {@code consent}; any other id reads as not in the consent, existing or not. */
    TermDepositRecord read(CustomerConsent consent, String termDepositId) {
        return deposits.find(termDepositId)
                .filter(deposit -> deposit.consentId().equals(consent.consentId())
                        && deposit.customer().equals(consent.customer()))
                .orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                        "The term deposit addressed was not opened under this consent."));
    }

    /**
     * Pays out one deposit due by {@code day}, if it still is (another replica may have done it: then nothing).
     *
     * @return whether this call paid it out
     */
    @Transactional
    boolean mature(String termDepositId, LocalDate day) {
        var due = deposits.lockDue(termDepositId, day);
        if (due.isEmpty()) {
            return false;
        }
        TermDepositRecord deposit = due.get();
        MaturityTerms terms = deposit.terms();
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(deposit.termDepositId(), deposit.principal()));
        if (terms.interest().signum() > 0) {
            postings.add(Posting.debit(properties.interestExpenseAccount(), terms.interest()));
        }
        postings.add(Posting.credit(deposit.sourceAccount(), terms.maturityAmount()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ledger.book(new NewTransaction(UUID.randomUUID(), "term-deposit-maturity",
                "Term deposit " + deposit.termDepositId() + " matured: principal and interest", now, postings));
        deposits.markMatured(deposit.termDepositId(), now);
        return true;
    }

    private LedgerAccount sourceAccount(CustomerConsent consent, String accountId) {
        if (!consent.covers(accountId)) {
            throw new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT, NOT_IN_CONSENT);
        }
        LedgerAccount source = accounts.find(accountId)
                .filter(account -> account.owner().isCustomer(consent.customer()))
                .orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT, NOT_IN_CONSENT));
        if (source.kind() != LedgerAccount.Kind.CURRENT) {
            throw new ProblemException(ProblemType.DEPOSIT_TERMS_NOT_OFFERED,
                    "A term deposit is opened from a current account; " + accountId + " is a "
                            + source.kind().name().toLowerCase(Locale.ROOT) + " account.");
        }
        return source;
    }

    private String newAccountId() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return properties.accountPrefix() + "-TD-" + HexFormat.of().withUpperCase().formatHex(random);
    }

    private static TermDepositRecord replay(TermDepositRecord first, String hash) {
        if (!first.requestHash().equals(hash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This idempotency key was used for a different request. Use a new key for a new deposit.");
        }
        return first;
    }
}
