package dev.sceneway.products.credit.agreement;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.credit.CreditProperties;
import dev.sceneway.products.credit.agreement.AgreementRecord.InstalmentRow;
import dev.sceneway.products.credit.agreement.AgreementRecord.Status;
import dev.sceneway.products.credit.agreement.AgreementRecord.TrancheRow;
import dev.sceneway.products.credit.application.ApplicationRecord;
import dev.sceneway.products.credit.application.ApplicationRepository;
import dev.sceneway.products.credit.application.Disclosure;
import dev.sceneway.products.credit.events.CreditEvents;
import dev.sceneway.products.credit.quote.QuotePlan;
import dev.sceneway.products.credit.quote.ScheduledInstalment;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.LedgerAccount;
import dev.sceneway.products.ledger.LedgerAccounts;
import dev.sceneway.products.ledger.LedgerException;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.ledger.Posting;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agreement's state changes, each in ONE transaction under the row lock of the application (acceptance) or the
 * agreement (everything after), with its ledger transaction and its partner event: either all of it commits or
 * nothing does. A change that already happened is answered with the agreement as it is (nothing moves twice); a
 * change the state does not allow is {@code credit-state-conflict}.
 */
@Service
class AgreementService {

    static final int WITHDRAWAL_DAYS = 14;

    private final ApplicationRepository applications;
    private final AgreementRepository agreements;
    private final LedgerAccounts accounts;
    private final Ledger ledger;
    private final CreditEvents events;
    private final CreditProperties properties;
    private final BankProperties bank;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    AgreementService(ApplicationRepository applications, AgreementRepository agreements, LedgerAccounts accounts,
            Ledger ledger, CreditEvents events, CreditProperties properties, BankProperties bank, Clock clock,
            PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.applications = applications;
        this.agreements = agreements;
        this.accounts = accounts;
        this.ledger = ledger;
        this.events = events;
        this.properties = properties;
        this.bank = bank;
        this.clock = clock;
    }

    int noticeDays() {
        return properties.dueNoticeDays();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.timeZone());
    }

    /**
     * Signs the agreement: loan (and escrow) accounts, the schedule from the day after signing, the arrangement fee
     * from the repayment account, the first tranche to the merchant (less its discount fee), the rest into escrow.
     */
    @Transactional
    AgreementRecord accept(CustomerConsent consent, UUID applicationId, String disclosureDigest) {
        ApplicationRecord application = applications.lock(applicationId)
                .filter(found -> found.consentId().equals(consent.consentId())
                        && found.partner().equals(consent.partner()))
                .orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                        "The application addressed was not made under this consent."));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApplicationRecord.Status status = application.statusAt(now);
        if (status == ApplicationRecord.Status.ACCEPTED) {
            return agreements.findByApplication(applicationId).orElseThrow();
        }
        if (status != ApplicationRecord.Status.APPROVED) {
            throw conflict("The application is " + status.wireName() + "; only an approved offer can be accepted.");
        }
        if (!Disclosure.of(application, bank.name()).digest().equals(disclosureDigest)) {
            throw new ProblemException(ProblemType.DISCLOSURE_MISMATCH, "The disclosure digest is not the digest of"
                    + " this offer's pre-contract disclosure; show the customer the current one.");
        }
        AgreementRecord agreement = sign(application, now);
        openAccounts(agreement);
        agreements.insert(agreement, disclosureDigest);
        applications.markAccepted(applicationId);
        BigDecimal fee = agreement.arrangementFee();
        if (fee.signum() > 0) {
            book(UUID.randomUUID(), "loan-fee", "Arrangement fee, loan " + short_(agreement), now,
                    List.of(Posting.debit(agreement.repaymentAccountId(), fee),
                            Posting.credit(properties.feeIncomeAccount(), fee)));
        }
        disburse(agreement, now);
        events.queue(agreement.partner(), agreement.consentId(), CreditEvents.AGREEMENT_SIGNED,
                Map.of("agreementId", agreement.agreementId().toString(), "applicationId", applicationId.toString()),
                now);
        releaseTranche(agreement, 1, now);
        return agreements.find(agreement.agreementId()).orElseThrow();
    }

    /** Pays tranche {@code number} (2 or later) when its milestone is reported; a released one is left as it is. */
    @Transactional
    AgreementRecord reportMilestone(CustomerConsent consent, UUID agreementId, int number) {
        AgreementRecord agreement = lockVisible(consent, agreementId);
        if (agreement.status() != Status.ACTIVE) {
            throw conflict("The agreement is " + agreement.status().wireName() + "; no tranche can be released.");
        }
        TrancheRow tranche = agreement.tranches().stream().filter(row -> row.number() == number).findFirst()
                .orElseThrow(() -> conflict("The agreement has no tranche " + number + "."));
        if (!tranche.released()) {
            releaseTranche(agreement, number, clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
        return agreements.find(agreementId).orElseThrow();
    }

    /** Today's early-repayment figures of an active agreement. */
    @Transactional(readOnly = true)
    Settlement earlyRepaymentQuote(CustomerConsent consent, UUID agreementId) {
        AgreementRecord agreement = visible(consent, agreementId);
        if (agreement.status() != Status.ACTIVE) {
            throw conflict("The agreement is " + agreement.status().wireName() + "; there is nothing to repay.");
        }
        return Settlement.earlyRepayment(agreement, today());
    }

    /** The withdrawal figures of an agreement still in its withdrawal period, or null. */
    static @org.jspecify.annotations.Nullable Settlement withdrawalFigures(AgreementRecord agreement, LocalDate today) {
        return agreement.status() == Status.ACTIVE && !today.isAfter(agreement.withdrawalDeadline())
                ? Settlement.withdrawal(agreement, today) : null;
    }

    /** Closes the agreement early: repaid (early repayment) or withdrawn, if {@code amount} is today's figure. */
    @Transactional
    AgreementRecord settle(CustomerConsent consent, UUID agreementId, String kind, BigDecimal amount) {
        AgreementRecord agreement = lockVisible(consent, agreementId);
        Status closedAs = kind.equals(Settlement.WITHDRAWAL) ? Status.WITHDRAWN : Status.REPAID;
        if (agreement.status() == closedAs && agreement.closedAt() != null) {
            return agreement; // a repeat of the settlement that closed it
        }
        if (agreement.status() != Status.ACTIVE) {
            throw conflict("The agreement is " + agreement.status().wireName() + ".");
        }
        LocalDate today = today();
        Settlement settlement;
        if (closedAs == Status.WITHDRAWN) {
            settlement = withdrawalFigures(agreement, today);
            if (settlement == null) {
                throw conflict("The withdrawal period ended on " + agreement.withdrawalDeadline() + ".");
            }
        } else {
            settlement = Settlement.earlyRepayment(agreement, today);
        }
        if (settlement.total().compareTo(amount) != 0) {
            throw new ProblemException(ProblemType.EARLY_REPAYMENT_AMOUNT_CHANGED, "Today's figure is "
                    + settlement.total().toPlainString() + " " + agreement.currency().getCurrencyCode()
                    + ", not " + amount.toPlainString() + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID transactionId = UUID.randomUUID();
        List<Posting> postings = new ArrayList<>();
        add(postings, agreement.repaymentAccountId(), settlement.total().negate());
        add(postings, agreement.loanAccountId(), settlement.outstandingPrincipal());
        if (agreement.escrowAccountId() != null) {
            add(postings, agreement.escrowAccountId(), settlement.undrawn().negate());
        }
        add(postings, properties.interestIncomeAccount(), settlement.accruedInterest());
        add(postings, properties.feeIncomeAccount(), settlement.fee().subtract(settlement.feeRefund()));
        book(transactionId, closedAs == Status.WITHDRAWN ? "loan-withdrawal" : "loan-early-repayment",
                (closedAs == Status.WITHDRAWN ? "Withdrawal, loan " : "Early repayment, loan ") + short_(agreement),
                now, postings);
        agreements.recordSettlement(agreementId, settlement, transactionId);
        agreements.close(agreementId, closedAs, now);
        events.queue(agreement.partner(), agreement.consentId(), CreditEvents.AGREEMENT_CLOSED,
                Map.of("agreementId", agreementId.toString(), "status", closedAs.wireName()), now);
        return agreements.find(agreementId).orElseThrow();
    }

    /**
     * Collects what {@code agreementId} owes on {@code day}: each unpaid instalment due by then, oldest first, from
     * the repayment account (principal to the loan, interest to the bank). Not enough money: the instalment is
     * missed (event once) and collection stops for that agreement until the next day. The last one paid closes the
     * agreement (repaid). Also queues the "instalment due" notice of instalments due within the notice window.
     */
    @Transactional
    void collect(UUID agreementId, LocalDate day) {
        AgreementRecord agreement = agreements.lock(agreementId).orElseThrow();
        if (agreement.status() != Status.ACTIVE) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (InstalmentRow row : agreement.schedule()) {
            if (row.unpaid() && !row.dueDate().isAfter(day.plusDays(properties.dueNoticeDays()))
                    && agreements.markDueNotified(agreementId, row.number())) {
                events.queue(agreement.partner(), agreement.consentId(), CreditEvents.INSTALMENT_DUE,
                        instalmentData(agreement, row), now);
            }
        }
        boolean allPaid = true;
        for (InstalmentRow row : agreement.schedule()) {
            if (!row.unpaid()) {
                continue;
            }
            if (row.dueDate().isAfter(day)) {
                allPaid = false;
                break;
            }
            UUID transactionId = UUID.randomUUID();
            List<Posting> postings = new ArrayList<>();
            add(postings, agreement.repaymentAccountId(), row.instalment().negate());
            add(postings, agreement.loanAccountId(), row.principal());
            add(postings, properties.interestIncomeAccount(), row.interest());
            NewTransaction collection = new NewTransaction(transactionId, "loan-instalment", "Instalment "
                    + row.number() + ", loan " + short_(agreement), now, postings);
            // In a savepoint: a refused booking rolls back only itself, the missed mark and its event still commit.
            Boolean booked = savepoint.execute(status -> {
                try {
                    ledger.book(collection);
                    return true;
                } catch (LedgerException.InsufficientFunds e) {
                    status.setRollbackOnly();
                    return false;
                }
            });
            if (!Boolean.TRUE.equals(booked)) {
                if (row.status().equals("due")) {
                    agreements.missInstalment(agreementId, row.number());
                    events.queue(agreement.partner(), agreement.consentId(), CreditEvents.INSTALMENT_MISSED,
                            instalmentData(agreement, row), now);
                }
                return;
            }
            agreements.payInstalment(agreementId, row.number(), transactionId, now);
        }
        if (allPaid) {
            agreements.close(agreementId, Status.REPAID, now);
            events.queue(agreement.partner(), agreement.consentId(), CreditEvents.AGREEMENT_CLOSED,
                    Map.of("agreementId", agreementId.toString(), "status", Status.REPAID.wireName()), now);
        }
    }

    AgreementRecord visible(CustomerConsent consent, UUID agreementId) {
        return agreements.find(agreementId).filter(found -> owns(consent, found))
                .orElseThrow(AgreementService::notInConsent);
    }

    private AgreementRecord lockVisible(CustomerConsent consent, UUID agreementId) {
        return agreements.lock(agreementId).filter(found -> owns(consent, found))
                .orElseThrow(AgreementService::notInConsent);
    }

    private static boolean owns(CustomerConsent consent, AgreementRecord agreement) {
        return agreement.consentId().equals(consent.consentId()) && agreement.partner().equals(consent.partner());
    }

    private AgreementRecord sign(ApplicationRecord application, Instant now) {
        QuotePlan plan = application.offerPlan();
        ApplicationRecord.Terms terms = Objects.requireNonNull(application.offerTerms());
        LocalDate signedOn = LocalDate.ofInstant(now, properties.timeZone());
        UUID agreementId = UUID.randomUUID();
        String suffix = HexFormat.of().formatHex(uuidBytes(agreementId)).substring(0, 12).toUpperCase();
        boolean staged = application.tranches().size() > 1;
        List<TrancheRow> tranches = application.tranches().stream()
                .map(t -> new TrancheRow(t.number(), t.milestone(), t.amount(),
                        t.amount().multiply(terms.merchantDiscountPercent())
                                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP),
                        false, null))
                .toList();
        List<InstalmentRow> schedule = new ArrayList<>();
        for (ScheduledInstalment month : plan.schedule()) {
            schedule.add(new InstalmentRow(month.number(), signedOn.plusMonths(month.number()), month.instalment(),
                    month.principal(), month.interest(), month.remainingPrincipal(), "due"));
        }
        return new AgreementRecord(agreementId, application.applicationId(), application.partner(),
                application.consentId(), application.customer(), application.productId(),
                application.repaymentMethod(), application.amount(), application.currency(), application.termMonths(),
                terms.nominalAnnualRatePercent(), terms.arrangementFee(), terms.merchantDiscountPercent(),
                plan.aprPercent(), properties.accountPrefix() + "-LOAN-" + suffix,
                staged ? properties.accountPrefix() + "-ESCROW-" + suffix : null, application.merchantAccountId(),
                application.repaymentAccountId(), now, signedOn, signedOn.plusDays(WITHDRAWAL_DAYS), Status.ACTIVE,
                null, tranches, schedule);
    }

    private void openAccounts(AgreementRecord agreement) {
        accounts.open(agreement.loanAccountId(), new LedgerAccount.Owner(LedgerAccount.OwnerType.CUSTOMER,
                        agreement.customer()), LedgerAccount.Kind.LOAN, "Instalment loan " + short_(agreement),
                agreement.currency(), agreement.principal(), agreement.signedOn());
        if (agreement.escrowAccountId() != null) {
            accounts.open(agreement.escrowAccountId(), new LedgerAccount.Owner(LedgerAccount.OwnerType.BANK,
                            bank.id()), LedgerAccount.Kind.ESCROW, "Escrow of loan " + short_(agreement),
                    agreement.currency(), BigDecimal.ZERO.setScale(2), agreement.signedOn());
        }
    }

    /** A staged loan: the whole principal from the loan account into escrow, released tranche by tranche. */
    private void disburse(AgreementRecord agreement, Instant now) {
        if (agreement.escrowAccountId() != null) {
            book(UUID.randomUUID(), "loan-disbursement", "Loan " + short_(agreement) + " into escrow", now,
                    List.of(Posting.debit(agreement.loanAccountId(), agreement.principal()),
                            Posting.credit(agreement.escrowAccountId(), agreement.principal())));
        }
    }

    /** Pays one tranche to the merchant: from escrow (staged) or straight from the loan account (one tranche). */
    private void releaseTranche(AgreementRecord agreement, int number, Instant now) {
        TrancheRow tranche = agreement.tranches().stream().filter(row -> row.number() == number).findFirst()
                .orElseThrow();
        String source = agreement.escrowAccountId() != null ? agreement.escrowAccountId() : agreement.loanAccountId();
        List<Posting> postings = new ArrayList<>();
        add(postings, source, tranche.amount().negate());
        add(postings, agreement.merchantAccountId(), tranche.amount().subtract(tranche.merchantFee()));
        add(postings, properties.feeIncomeAccount(), tranche.merchantFee());
        UUID transactionId = UUID.randomUUID();
        book(transactionId, "loan-payout", "Loan " + short_(agreement) + ", tranche " + number + ": "
                + tranche.milestone(), now, postings);
        agreements.releaseTranche(agreement.agreementId(), number, transactionId, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agreementId", agreement.agreementId().toString());
        data.put("trancheNumber", number);
        data.put("amount", tranche.amount().toPlainString());
        data.put("merchantAccountId", agreement.merchantAccountId());
        events.queue(agreement.partner(), agreement.consentId(), CreditEvents.AGREEMENT_DISBURSED, data, now);
    }

    private void book(UUID transactionId, String kind, String description, Instant now, List<Posting> postings) {
        try {
            ledger.book(new NewTransaction(transactionId, kind, description, now, postings));
        } catch (LedgerException.InsufficientFunds e) {
            throw new ProblemException(ProblemType.INSUFFICIENT_FUNDS,
                    "The account's available balance cannot pay this; nothing moved.");
        }
    }

    private static void add(List<Posting> postings, String account, BigDecimal amount) {
        if (amount.signum() != 0) {
            postings.add(new Posting(account, amount));
        }
    }

    private static Map<String, Object> instalmentData(AgreementRecord agreement, InstalmentRow row) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agreementId", agreement.agreementId().toString());
        data.put("instalmentNumber", row.number());
        data.put("dueDate", row.dueDate().toString());
        data.put("amount", row.instalment().toPlainString());
        return data;
    }

    private static String short_(AgreementRecord agreement) {
        return agreement.agreementId().toString().substring(0, 8);
    }

    private static byte[] uuidBytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CREDIT_STATE_CONFLICT, detail);
    }

    private static ProblemException notInConsent() {
        return new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                "The agreement addressed was not made under this consent.");
    }
}
