package dev.sceneway.products.credit.application;

import dev.sceneway.products.credit.catalogue.CreditProduct;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import dev.sceneway.products.credit.quote.QuotePlan;
import dev.sceneway.products.credit.quote.Quotes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A credit application as stored, with the offer's terms once approved.
 *
 * @param productName the product's name (joined from the catalogue, retired products included)
 */
public record ApplicationRecord(UUID applicationId, String partner, String requestHash, String consentId,
        String customer, String productId, String productName, RepaymentMethod repaymentMethod, BigDecimal amount,
        Currency currency, int termMonths, String merchantAccountId, String repaymentAccountId, String orderReference,
        Applicant applicant, List<RequestedTranche> tranches, Status status, List<String> declineReasons,
        @Nullable Terms offerTerms, @Nullable Instant offerValidUntil, Instant createdAt,
        @Nullable Instant decidedAt) {

    public enum Status {
        PENDING, APPROVED, REFERRED, DECLINED, ACCEPTED, EXPIRED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the applicant declared. */
    public record Applicant(BigDecimal monthlyNetIncome, BigDecimal monthlyHousingCost, String employmentStatus,
            int dependants) {
    }

    /** A tranche asked for: paid at signing (number 1) or when its milestone is reported. */
    public record RequestedTranche(int number, String milestone, BigDecimal amount) {
    }

    /** The product's terms copied at decision time. */
    public record Terms(BigDecimal nominalAnnualRatePercent, BigDecimal arrangementFee,
            BigDecimal merchantDiscountPercent) {
    }

    public ApplicationRecord {
        tranches = List.copyOf(tranches);
        declineReasons = List.copyOf(declineReasons);
    }

    /** The status a reader sees: an approved offer past its validity reads as expired. */
    public Status statusAt(Instant now) {
        return status == Status.APPROVED && offerValidUntil != null && now.isAfter(offerValidUntil)
                ? Status.EXPIRED : status;
    }

    /** The figures of the offer (schedule, costs, APR) from its copied terms; only once approved. */
    public QuotePlan offerPlan() {
        Terms terms = java.util.Objects.requireNonNull(offerTerms, "no offer before approval");
        return plan(terms);
    }

    /** The plan of these terms for this application's amount, term and method. */
    QuotePlan plan(Terms terms) {
        CreditProduct snapshot = new CreditProduct(productId, productName, currency, amount, amount, termMonths,
                termMonths, terms.nominalAnnualRatePercent(), terms.arrangementFee(), List.of(repaymentMethod),
                terms.merchantDiscountPercent());
        return Quotes.plan(snapshot, repaymentMethod, amount, termMonths);
    }
}
