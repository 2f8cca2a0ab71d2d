package dev.sceneway.products.credit.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotesTest {

    @Test
    void quoteWhen10000Over24MonthsThenOnePlanPerEligibleProductAndMethodInProductOrder() {
        List<QuotePlan> plans = Quotes.quote(TestProducts.lakeside(), request("10000.00", "EUR", 24, null));

        // merchant-zero stops at 5,000.00; renovation starts at 5,000.00 and 12 months.
        assertThat(plans).extracting(QuotePlan::productId, QuotePlan::repaymentMethod).containsExactly(
                tuple("lakeside-instalment-standard", RepaymentMethod.ANNUITY),
                tuple("lakeside-instalment-standard", RepaymentMethod.EQUAL_PRINCIPAL),
                tuple("lakeside-renovation", RepaymentMethod.ANNUITY));
        assertThat(plans).allSatisfy(plan -> assertThat(plan.schedule()).hasSize(24));
    }

    @Test
    void quoteWhenAmountTermOrCurrencyIsOutsideEveryProductThenNoPlan() {
        assertThat(Quotes.quote(TestProducts.lakeside(), request("80000.01", "EUR", 24, null))).isEmpty();
        assertThat(Quotes.quote(TestProducts.lakeside(), request("199.99", "EUR", 24, null))).isEmpty();
        assertThat(Quotes.quote(TestProducts.lakeside(), request("3000.00", "EUR", 121, null))).isEmpty();
        assertThat(Quotes.quote(TestProducts.lakeside(), request("3000.00", "CNY", 12, null))).isEmpty();
    }

    @Test
    void quoteWhenAmountAndTermAreExactlyTheLimitsThenEligible() {
        assertThat(Quotes.quote(List.of(TestProducts.merchantZero()), request("5000.00", "EUR", 24, null))).hasSize(1);
        assertThat(Quotes.quote(List.of(TestProducts.merchantZero()), request("200.00", "EUR", 3, null))).hasSize(1);
    }

    @Test
    void quoteWhenProductIdIsGivenThenOnlyThatProductsPlans() {
        List<QuotePlan> plans = Quotes.quote(TestProducts.lakeside(),
                request("10000.00", "EUR", 24, "lakeside-renovation"));

        assertThat(plans).extracting(QuotePlan::productId).containsExactly("lakeside-renovation");
    }

    @Test
    void quoteWhenTheArrangementFeeIsNotBelowTheAmountThenNotEligible() {
        var feeEatsTheLoan = TestProducts.product("fee-heavy", "Fee heavy", "100.00", "1000.00", 1, 12, "5.0000",
                "150.00", List.of(RepaymentMethod.ANNUITY), "0.0000");

        assertThat(Quotes.quote(List.of(feeEatsTheLoan), request("150.00", "EUR", 6, null))).isEmpty();
        assertThat(Quotes.quote(List.of(feeEatsTheLoan), request("150.01", "EUR", 6, null))).hasSize(1);
    }

    @Test
    void planWhenMerchantPaysTheInterestThenCustomerPaysExactlyTheAmountAndAprIsZero() {
        QuotePlan plan = Quotes.plan(TestProducts.merchantZero(), RepaymentMethod.ANNUITY, new BigDecimal("1000.00"), 3);

        assertThat(plan.aprPercent()).isEqualTo("0.00");
        assertThat(plan.totalInterest()).isEqualTo("0.00");
        assertThat(plan.totalCost()).isEqualTo("0.00");
        assertThat(plan.totalRepayable()).isEqualTo("1000.00");
        assertThat(plan.merchantDiscountPercent()).isEqualByComparingTo("4.5");
        assertThat(plan.instalment()).isEqualTo("333.33");
        assertThat(plan.lastInstalment()).isEqualTo("333.34");
    }

    @Test
    void planWhenArrangementFeeThenTotalCostAddsItAndAprExceedsTheNominalRate() {
        QuotePlan plan = Quotes.plan(TestProducts.renovation(), RepaymentMethod.ANNUITY, new BigDecimal("5000.00"), 12);

        // Python decimal reference (the written rules, 60 digits): 429.16 × 11 + 429.17, interest 149.93, APR 11.82 %.
        assertThat(plan.instalment()).isEqualTo("429.16");
        assertThat(plan.lastInstalment()).isEqualTo("429.17");
        assertThat(plan.totalInterest()).isEqualTo("149.93");
        assertThat(plan.totalCost()).isEqualTo("299.93");
        assertThat(plan.totalRepayable()).isEqualTo("5299.93");
        assertThat(plan.aprPercent()).isEqualTo("11.82").isGreaterThan(plan.nominalAnnualRatePercent());
    }

    @Test
    void planWhenAnyInputsThenTotalInterestIsTheSumOfTheScheduleAndTotalsAddUp() {
        for (int months : List.of(3, 24, 60)) {
            for (RepaymentMethod method : RepaymentMethod.values()) {
                QuotePlan plan = Quotes.plan(TestProducts.standard(), method, new BigDecimal("12345.67"), months);

                BigDecimal interest = plan.schedule().stream().map(ScheduledInstalment::interest)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal instalments = plan.schedule().stream().map(ScheduledInstalment::instalment)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(plan.totalInterest()).as("%s %d", method, months).isEqualTo(interest);
                assertThat(plan.totalRepayable()).as("%s %d", method, months)
                        .isEqualTo(instalments.add(plan.arrangementFee()))
                        .isEqualTo(plan.amount().add(plan.totalCost()));
                assertThat(plan.firstInstalment()).isEqualTo(plan.schedule().getFirst().instalment());
                assertThat(plan.lastInstalment()).isEqualTo(plan.schedule().getLast().instalment());
            }
        }
    }

    @Test
    void planWhenEqualPrincipalThenAdvertisedInstalmentIsTheFirstAndHighest() {
        QuotePlan plan = Quotes.plan(TestProducts.standard(), RepaymentMethod.EQUAL_PRINCIPAL,
                new BigDecimal("24000.00"), 24);

        assertThat(plan.instalment()).isEqualTo("1138.00").isGreaterThan(plan.lastInstalment());
    }

    private static QuoteRequest request(String amount, String currency, int months, String productId) {
        return new QuoteRequest(new BigDecimal(amount), currency, months, productId);
    }
}
