package dev.sceneway.products.credit.quote;

import dev.sceneway.products.credit.catalogue.ActiveCreditProducts;
import dev.sceneway.products.credit.catalogue.CreditProduct;
import dev.sceneway.products.credit.generated.api.CreditQuotesApi;
import dev.sceneway.products.credit.generated.model.CreditQuote;
import dev.sceneway.products.credit.generated.model.RepaymentMethod;
import dev.sceneway.products.credit.generated.model.ScheduledInstalment;
import dev.sceneway.products.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Instalment-loan quotes (scope {@code products}), implementing the interface generated from credit.yaml. The
 * syntax of the parameters (2-decimal amount, upper-case currency, term 1..480) is checked by the constraints the
 * generated interface carries; the rest is here. Nothing is written: a quote is computed from the cached catalogue.
 */
@RestController
class CreditQuoteController implements CreditQuotesApi {

    /** Rates and percentages are shown with 2 decimals. */
    private static final int PERCENT_DISPLAY_SCALE = 2;

    private final ActiveCreditProducts products;

    CreditQuoteController(ActiveCreditProducts products) {
        this.products = products;
    }

    @Override
    public ResponseEntity<CreditQuote> getCreditQuote(String bankId, String amount, String currency,
            Integer termMonths, @Nullable String productId, @Nullable UUID xFapiInteractionId) {
        BigDecimal requested = new BigDecimal(amount); // the spec's pattern already holds: digits, '.', 2 decimals
        if (requested.signum() <= 0) {
            throw ProblemException.badRequest("Parameter 'amount' must be greater than 0.");
        }
        List<CreditProduct> catalogue = products.all();
        if (productId != null && catalogue.stream().noneMatch(product -> product.productId().equals(productId))) {
            throw ProblemException.notFound("No credit product with id '" + productId + "'.");
        }
        List<QuotePlan> plans = Quotes.quote(catalogue, new QuoteRequest(requested, currency, termMonths, productId));
        return ResponseEntity.ok(new CreditQuote(plans.stream().map(CreditQuoteController::toApi).toList()));
    }

    /** Money as plain decimal strings at the currency's scale (never JSON numbers); rates at 2 decimals. */
    static dev.sceneway.products.credit.generated.model.QuotePlan toApi(QuotePlan plan) {
        return new dev.sceneway.products.credit.generated.model.QuotePlan(
                plan.productId(), plan.productName(), RepaymentMethod.fromValue(plan.repaymentMethod().name()),
                plan.currency().getCurrencyCode(), money(plan.amount()), plan.termMonths(),
                percent(plan.nominalAnnualRatePercent()), money(plan.arrangementFee()), money(plan.instalment()),
                money(plan.firstInstalment()), money(plan.lastInstalment()), money(plan.totalInterest()),
                money(plan.totalCost()), money(plan.totalRepayable()), percent(plan.aprPercent()),
                percent(plan.merchantDiscountPercent()),
                plan.schedule().stream().map(month -> new ScheduledInstalment(month.number(),
                        money(month.instalment()), money(month.principal()), money(month.interest()),
                        money(month.remainingPrincipal()))).toList());
    }

    private static String money(BigDecimal amount) {
        return amount.toPlainString();
    }

    /**
     * Rounding rule for display: stored rates (4 decimals) are shown at 2, {@link RoundingMode#HALF_UP}, the same rule
     * as the catalogue's. Display only: the schedule used the stored rate.
     */
    private static String percent(BigDecimal percent) {
        return percent.setScale(PERCENT_DISPLAY_SCALE, RoundingMode.HALF_UP).toPlainString();
    }
}
