package dev.sceneway.products.credit.quote;

import dev.sceneway.products.credit.catalogue.CreditProduct;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Quotes over a list of products: which plans are eligible, and each plan's figures. Pure (no I/O, no state), so it
 * can be called on every page view and benchmarked on its own.
 *
 * <p>Eligible: the product's currency is the requested one; {@code minAmount <= amount <= maxAmount};
 * {@code minTermMonths <= termMonths <= maxTermMonths}; the arrangement fee is below the amount (otherwise nothing would
 * be paid out and no APR exists). Plans come in the products' order, then the product's order of repayment methods.
 *
 * <p>Money decisions: the arrangement fee is NOT financed: the customer pays it at disbursement (so it is not in the
 * schedule, and it is in the APR as a payment at time 0). The merchant discount of subsidised plans is paid by the
 * merchant, never the customer: shown, but not in any cost or in the APR.
 */
public final class Quotes {

    private Quotes() {
    }

    static List<QuotePlan> quote(List<CreditProduct> products, QuoteRequest request) {
        List<QuotePlan> plans = new ArrayList<>();
        for (CreditProduct product : products) {
            if (isEligible(product, request)) {
                BigDecimal amount = CreditProduct.atCurrencyScale(request.amount(), product.currency(), "amount");
                for (RepaymentMethod method : product.repaymentMethods()) {
                    plans.add(plan(product, method, amount, request.termMonths()));
                }
            }
        }
        return plans;
    }

    static boolean isEligible(CreditProduct product, QuoteRequest request) {
        BigDecimal amount = request.amount();
        int term = request.termMonths();
        return (request.productId() == null || request.productId().equals(product.productId()))
                && product.currency().getCurrencyCode().equals(request.currency())
                // An amount with more decimals than the currency has cannot be paid out in it.
                && amount.stripTrailingZeros().scale() <= product.currency().getDefaultFractionDigits()
                && amount.compareTo(product.minAmount()) >= 0 && amount.compareTo(product.maxAmount()) <= 0
                && term >= product.minTermMonths() && term <= product.maxTermMonths()
                && product.arrangementFee().compareTo(amount) < 0;
    }

    /** The figures of one plan; {@code amount} is at the currency's scale. */
    public static QuotePlan plan(CreditProduct product, RepaymentMethod method, BigDecimal amount, int termMonths) {
        BigDecimal monthlyRate = RepaymentSchedule.monthlyRate(product.nominalAnnualRatePercent());
        List<ScheduledInstalment> schedule = switch (method) {
            case ANNUITY -> RepaymentSchedule.annuity(amount, monthlyRate, termMonths);
            case EQUAL_PRINCIPAL -> RepaymentSchedule.equalPrincipal(amount, monthlyRate, termMonths);
        };
        BigDecimal totalInterest = BigDecimal.ZERO.setScale(amount.scale());
        List<BigDecimal> instalments = new ArrayList<>(schedule.size());
        for (ScheduledInstalment month : schedule) {
            totalInterest = totalInterest.add(month.interest());
            instalments.add(month.instalment());
        }
        BigDecimal fee = product.arrangementFee();
        BigDecimal totalCost = totalInterest.add(fee);
        return new QuotePlan(product.productId(), product.name(), method, product.currency(), amount, termMonths,
                product.nominalAnnualRatePercent(), fee,
                schedule.getFirst().instalment(), schedule.getFirst().instalment(), schedule.getLast().instalment(),
                totalInterest, totalCost, amount.add(totalCost),
                AnnualPercentageRate.percent(amount.subtract(fee), instalments),
                product.merchantDiscountPercent(), schedule);
    }
}
