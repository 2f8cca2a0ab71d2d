package dev.sceneway.products.credit.application;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.credit.CreditProperties;
import dev.sceneway.products.credit.application.ApplicationRecord.RequestedTranche;
import dev.sceneway.products.credit.application.ApplicationRecord.Status;
import dev.sceneway.products.credit.application.ApplicationRecord.Terms;
import dev.sceneway.products.credit.catalogue.ActiveCreditProducts;
import dev.sceneway.products.credit.catalogue.CreditProduct;
import dev.sceneway.products.credit.events.CreditEvents;
import dev.sceneway.products.credit.quote.ScheduledInstalment;
import dev.sceneway.products.credit.risk.CreditRisk;
import dev.sceneway.products.credit.risk.RiskDecision;
import dev.sceneway.products.credit.risk.RiskQuery;
import dev.sceneway.products.ledger.LedgerAccount;
import dev.sceneway.products.ledger.LedgerAccounts;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an application and decides it. The application row is claimed (idempotency key) in a short transaction of
 * its own; the bureau is asked OUTSIDE any transaction (a slow bureau never holds a connection or a lock); the
 * decision is written with its partner event in a second transaction, only from {@code pending} (whoever decides
 * first, this request or the retry job, wins; the other changes nothing). A request that dies in between leaves a
 * pending application that the retry job decides.
 */
@Service
class ApplicationService {

    private static final String WHOLE_AMOUNT = "Whole amount";

    private final ApplicationRepository applications;
    private final ActiveCreditProducts products;
    private final LedgerAccounts accounts;
    private final CreditRisk risk;
    private final CreditEvents events;
    private final CreditProperties properties;
    private final BankProperties bank;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApplicationService(ApplicationRepository applications, ActiveCreditProducts products, LedgerAccounts accounts,
            CreditRisk risk, CreditEvents events, CreditProperties properties, BankProperties bank,
            TransactionTemplate transactions, Clock clock) {
        this.applications = applications;
        this.products = products;
        this.accounts = accounts;
        this.risk = risk;
        this.events = events;
        this.properties = properties;
        this.bank = bank;
        this.transactions = transactions;
        this.clock = clock;
    }

    ApplicationRecord apply(CustomerConsent consent, String idempotencyKey, NewApplication order) {
        CreditProduct product = offeredProduct(order);
        List<RequestedTranche> tranches = tranches(order);
        checkAccounts(consent, order, product);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApplicationRecord application = new ApplicationRecord(UUID.randomUUID(), consent.partner(),
                order.fingerprint(consent.consentId()), consent.consentId(), consent.customer(), product.productId(),
                product.name(), order.repaymentMethod(), order.amount(), product.currency(), order.termMonths(),
                order.merchantAccountId(), order.repaymentAccountId(), order.orderReference(), order.applicant(),
                tranches, Status.PENDING, List.of(), null, null, now, null);
        // Should this request die before deciding, the retry job takes over once the request would have given up.
        Instant retryAt = now.plus(properties.decisionPatience()).plus(properties.retryInterval());
        Boolean claimed = transactions.execute(status -> applications.claim(application, idempotencyKey, retryAt));
        if (!Boolean.TRUE.equals(claimed)) {
            return replay(consent.partner(), idempotencyKey, application.requestHash());
        }
        Terms terms = new Terms(product.nominalAnnualRatePercent(), product.arrangementFee(),
                product.merchantDiscountPercent());
        decide(application, terms, properties.decisionPatience());
        return applications.find(application.applicationId()).orElseThrow();
    }

    /**
     * Asks the risk port with {@code patience}; on an answer, writes the decision (from pending only) and its event.
     * Returns whether this call decided it.
     */
    boolean decide(ApplicationRecord application, Terms terms, Duration patience) {
        BigDecimal highest = application.plan(terms).schedule().stream().map(ScheduledInstalment::instalment)
                .max(BigDecimal::compareTo).orElseThrow();
        Optional<RiskDecision> decision = risk.assess(new RiskQuery(application.customer(), bank.id(),
                application.amount(), highest, application.applicant().monthlyNetIncome(),
                application.applicant().monthlyHousingCost(), application.applicant().employmentStatus(),
                application.applicant().dependants()), patience);
        if (decision.isEmpty()) {
            return false;
        }
        Status status = switch (decision.get().outcome()) {
            case APPROVED -> Status.APPROVED;
            case REFERRED -> Status.REFERRED;
            case DECLINED -> Status.DECLINED;
        };
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean approved = status == Status.APPROVED;
        Boolean decided = transactions.execute(tx -> {
            boolean changed = applications.decide(application.applicationId(), status, decision.get().reasons(),
                    approved ? terms : null, approved ? now.plus(properties.offerValidity()) : null, now);
            if (changed) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("applicationId", application.applicationId().toString());
                data.put("status", status.wireName());
                data.put("declineReasons", decision.get().reasons());
                events.queue(application.partner(), application.consentId(), CreditEvents.APPLICATION_DECIDED, data,
                        now);
            }
            return changed;
        });
        return Boolean.TRUE.equals(decided);
    }

    private ApplicationRecord replay(String partner, String idempotencyKey, String requestHash) {
        ApplicationRecord first = applications.findByKey(partner, idempotencyKey).orElseThrow(
                () -> new IllegalStateException("the idempotency key was taken but its application is not visible"));
        if (!first.requestHash().equals(requestHash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This idempotency key was used for a different application. Use a new key for a new one.");
        }
        return first;
    }

    /** The active product, if it lends this amount, term, currency and repayment method. */
    private CreditProduct offeredProduct(NewApplication order) {
        CreditProduct product = products.find(order.productId()).orElseThrow(() -> notOffered(
                "The bank has no active credit product '" + order.productId() + "'."));
        String currency = product.currency().getCurrencyCode();
        if (!currency.equals(order.currency())) {
            throw notOffered("The product " + product.productId() + " lends in " + currency + ", not "
                    + order.currency() + ".");
        }
        if (order.amount().compareTo(product.minAmount()) < 0 || order.amount().compareTo(product.maxAmount()) > 0
                || order.termMonths() < product.minTermMonths() || order.termMonths() > product.maxTermMonths()) {
            throw notOffered("The product " + product.productId() + " lends " + product.minAmount().toPlainString()
                    + " to " + product.maxAmount().toPlainString() + " " + currency + " over "
                    + product.minTermMonths() + " to " + product.maxTermMonths() + " months.");
        }
        if (!product.repaymentMethods().contains(order.repaymentMethod())) {
            throw notOffered("The product " + product.productId() + " is repaid by " + product.repaymentMethods()
                    + ", not " + order.repaymentMethod() + ".");
        }
        if (product.arrangementFee().compareTo(order.amount()) >= 0) {
            throw notOffered("The product's arrangement fee is not below the amount.");
        }
        return product;
    }

    /** The requested tranches, numbered from 1, adding up to the amount; one "Whole amount" tranche by default. */
    private static List<RequestedTranche> tranches(NewApplication order) {
        if (order.tranches().isEmpty()) {
            return List.of(new RequestedTranche(1, WHOLE_AMOUNT, order.amount()));
        }
        if (order.tranches().size() < 2) {
            throw notOffered("Staged drawdowns need 2 to 10 tranches; leave them out to be paid at once.");
        }
        BigDecimal sum = order.tranches().stream().map(RequestedTranche::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        if (sum.compareTo(order.amount()) != 0) {
            throw notOffered("The staged drawdowns add up to " + sum.toPlainString() + ", not to the amount "
                    + order.amount().toPlainString() + ".");
        }
        return order.tranches();
    }

    /** The repayment account is the consenting customer's, the merchant's is a merchant's, both in the currency. */
    private void checkAccounts(CustomerConsent consent, NewApplication order, CreditProduct product) {
        boolean repaymentOk = accounts.find(order.repaymentAccountId())
                .filter(account -> account.owner().isCustomer(consent.customer()))
                .filter(account -> account.kind() == LedgerAccount.Kind.CURRENT
                        || account.kind() == LedgerAccount.Kind.SAVINGS)
                .filter(account -> account.currency().equals(product.currency()))
                .isPresent();
        if (!repaymentOk) {
            throw new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT, "The repayment account is not a "
                    + product.currency().getCurrencyCode() + " account of the customer who granted the consent.");
        }
        boolean merchantOk = accounts.find(order.merchantAccountId())
                .filter(account -> account.owner().type() == LedgerAccount.OwnerType.MERCHANT)
                .filter(account -> account.currency().equals(product.currency()))
                .isPresent();
        if (!merchantOk) {
            throw notOffered("merchantAccountId '" + order.merchantAccountId() + "' is not a merchant's "
                    + product.currency().getCurrencyCode() + " account at this bank.");
        }
    }

    private static ProblemException notOffered(String detail) {
        return new ProblemException(ProblemType.CREDIT_TERMS_NOT_OFFERED, detail);
    }
}
