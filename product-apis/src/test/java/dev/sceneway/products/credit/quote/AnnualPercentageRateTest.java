package dev.sceneway.products.credit.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The APR (EU Consumer Credit Directive 2008/48/EC, Annex I, monthly periods). Reference values: a published worked
 * example of the same equation (the monthly IRR), the effective rate {@code (1 + r)^12 − 1} of a fee-free annuity,
 * values computed with Python's {@code decimal} module at 60 digits by bisection, and a BigDecimal bisection in this
 * test, independent of the solver under test (which runs Newton in {@code double}).
 */
class AnnualPercentageRateTest {

    private static final MathContext FORTY_DIGITS = new MathContext(40);

    @Test
    void monthlyRateWhenExcelRateDocumentationExampleThenSameAnnualRate() {
        // Microsoft Support, "RATE function", example: a 4-year loan of 8,000 repaid at 200 a month has a monthly rate
        // of 1 % (rounded) and an annual rate (12 × monthly) of 9.24 %. Python decimal: 9.241767 %.
        double monthly = AnnualPercentageRate.monthlyRate(new BigDecimal("8000.00"),
                Collections.nCopies(48, new BigDecimal("200.00")));

        assertThat(monthly * 12 * 100).isCloseTo(9.241767, within(1e-6));
    }

    @Test
    void percentWhenFeeFreeAnnuityAt12PercentThenTheEffectiveAnnualRate12_68() {
        List<BigDecimal> instalments = RepaymentSchedule.annuity(new BigDecimal("100000.00"),
                RepaymentSchedule.monthlyRate(new BigDecimal("12")), 12).stream()
                .map(ScheduledInstalment::instalment).toList();

        // (1.01)^12 − 1 = 12.6825 %; Python decimal on these exact instalments: 12.682474 %.
        assertThat(AnnualPercentageRate.percent(new BigDecimal("100000.00"), instalments)).isEqualTo("12.68");
    }

    @Test
    void percentWhenInterestFreeAndFeeFreeThenExactlyZero() {
        List<BigDecimal> instalments = List.of(new BigDecimal("333.33"), new BigDecimal("333.33"),
                new BigDecimal("333.34"));

        assertThat(AnnualPercentageRate.percent(new BigDecimal("1000.00"), instalments)).isEqualTo("0.00");
    }

    @Test
    void percentWhenArrangementFeeIsPaidUpFrontThenAboveTheNominalRate() {
        // Lakeside renovation: 5,000.00 at 5.49 % over 12 months (429.16 × 11 + 429.17), fee 150.00 paid out of pocket:
        // the customer effectively gets 4,850.00. Python decimal: 11.821171 %.
        List<BigDecimal> instalments = new ArrayList<>(Collections.nCopies(11, new BigDecimal("429.16")));
        instalments.add(new BigDecimal("429.17"));

        BigDecimal apr = AnnualPercentageRate.percent(new BigDecimal("4850.00"), instalments);

        assertThat(apr).isEqualTo("11.82").isGreaterThan(new BigDecimal("5.49"));
    }

    @Test
    void percentWhenZeroPercentPlanCarriesAFeeThenPositive() {
        BigDecimal apr = AnnualPercentageRate.percent(new BigDecimal("950.00"),
                Collections.nCopies(10, new BigDecimal("100.00")));

        assertThat(apr).isEqualTo(reference(new BigDecimal("950.00"), Collections.nCopies(10, new BigDecimal("100.00"))))
                .isGreaterThan(BigDecimal.ZERO);
    }

    @Test
    void percentWhenSchedulesAreRandomThenEqualsAHighPrecisionBisection() {
        Random random = new Random(42L);
        for (int run = 0; run < 150; run++) {
            BigDecimal principal = BigDecimal.valueOf(100_000 + random.nextLong(10_000_000L), 2);
            BigDecimal ratePercent = BigDecimal.valueOf(random.nextInt(25_001), 3);
            BigDecimal fee = BigDecimal.valueOf(random.nextInt(30_000), 2).min(principal.movePointLeft(1));
            int months = 1 + random.nextInt(84);
            BigDecimal monthlyRate = RepaymentSchedule.monthlyRate(ratePercent);
            List<ScheduledInstalment> schedule = random.nextBoolean()
                    ? RepaymentSchedule.annuity(principal, monthlyRate, months)
                    : RepaymentSchedule.equalPrincipal(principal, monthlyRate, months);
            List<BigDecimal> instalments = schedule.stream().map(ScheduledInstalment::instalment).toList();
            BigDecimal net = principal.subtract(fee);

            assertThat(AnnualPercentageRate.percent(net, instalments))
                    .as("%s at %s%% over %d months, fee %s", principal, ratePercent, months, fee)
                    .isEqualTo(reference(net, instalments));
        }
    }

    @Test
    void percentWhenInstalmentsRepayLessThanTheAdvanceThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AnnualPercentageRate.percent(new BigDecimal("100.00"),
                        List.of(new BigDecimal("50.00"))))
                .withMessage("instalments must repay at least the net advance 100.00, but sum to 50.00");
    }

    /**
     * The APR by bisection on the monthly rate in BigDecimal (40 digits, 120 halvings of [0, 1]: the bracket ends
     * below 1e-36), then {@code (1 + i)^12 − 1} exactly, in percent, 2 decimals half up.
     */
    private static BigDecimal reference(BigDecimal net, List<BigDecimal> instalments) {
        BigDecimal lo = BigDecimal.ZERO;
        BigDecimal hi = BigDecimal.ONE;
        for (int step = 0; step < 120; step++) {
            BigDecimal mid = lo.add(hi).divide(BigDecimal.TWO, FORTY_DIGITS);
            BigDecimal factor = BigDecimal.ONE.add(mid);
            BigDecimal presentValue = BigDecimal.ZERO;
            BigDecimal discount = BigDecimal.ONE;
            for (BigDecimal instalment : instalments) {
                discount = discount.divide(factor, FORTY_DIGITS);
                presentValue = presentValue.add(instalment.multiply(discount, FORTY_DIGITS), FORTY_DIGITS);
            }
            if (presentValue.compareTo(net) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return BigDecimal.ONE.add(lo).pow(12, FORTY_DIGITS).subtract(BigDecimal.ONE)
                .movePointRight(2).setScale(2, RoundingMode.HALF_UP);
    }
}
