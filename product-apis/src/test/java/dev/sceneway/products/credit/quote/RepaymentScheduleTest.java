package dev.sceneway.products.credit.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The schedule rules of credit.yaml. Reference values are computed independently of the implementation: the closed
 * annuity formula evaluated here with an exact power and 50 digits; published worked examples; and schedules computed
 * with Python's {@code decimal} module at 60 digits by a separate implementation of the written rules.
 */
class RepaymentScheduleTest {

    private static final MathContext FIFTY_DIGITS = new MathContext(50);

    @Test
    void annuityWhen100000At12PercentOver12MonthsThenInstalmentIs8884_88() {
        BigDecimal principal = new BigDecimal("100000.00");

        BigDecimal instalment = RepaymentSchedule.annuityInstalment(principal, rate("12"), 12);

        // Closed form A = P·r·(1+r)^n / ((1+r)^n − 1), with (1.01)^12 computed exactly: 8884.878867...
        BigDecimal growth = new BigDecimal("1.01").pow(12);
        BigDecimal reference = principal.multiply(new BigDecimal("0.01")).multiply(growth)
                .divide(growth.subtract(BigDecimal.ONE), FIFTY_DIGITS);
        assertThat(reference.toPlainString()).startsWith("8884.8788");
        assertThat(instalment).isEqualTo(reference.setScale(2, RoundingMode.HALF_UP)).isEqualTo("8884.88");
    }

    @Test
    void annuityInstalmentWhenExcelPmtDocumentationExampleThenSameMonthlyPayment() {
        // Microsoft Support, "PMT function", example: 8 % annual rate, 10 monthly payments, 10,000 loan → 1,037.03.
        BigDecimal instalment = RepaymentSchedule.annuityInstalment(new BigDecimal("10000.00"), rate("8"), 10);

        assertThat(instalment).isEqualTo("1037.03");
    }

    @Test
    void annuityWhen100000At12PercentThenLastInstalmentAbsorbsTheRoundingAndPrincipalSumsExactly() {
        List<ScheduledInstalment> schedule = RepaymentSchedule.annuity(new BigDecimal("100000.00"), rate("12"), 12);

        // Python decimal reference: months 1-11 pay 8884.88; month 12 pays the remaining 8796.88 + 87.97 interest.
        assertThat(schedule).hasSize(12);
        assertThat(schedule.subList(0, 11)).extracting(ScheduledInstalment::instalment).containsOnly(money("8884.88"));
        assertThat(schedule.getFirst().interest()).isEqualTo("1000.00");
        assertThat(schedule.getLast()).isEqualTo(new ScheduledInstalment(12, money("8884.85"), money("8796.88"),
                money("87.97"), money("0.00")));
        assertThat(sum(schedule, ScheduledInstalment::interest)).isEqualTo("6618.53");
        assertThat(sum(schedule, ScheduledInstalment::principal)).isEqualTo("100000.00");
    }

    @Test
    void annuityWhenRateIsZeroThenPrincipalRoundedDownToTheCentAndTheRemainderOnTheLastInstalment() {
        List<ScheduledInstalment> schedule = RepaymentSchedule.annuity(new BigDecimal("1000.00"), rate("0"), 3);

        assertThat(schedule).extracting(ScheduledInstalment::instalment)
                .containsExactly(money("333.33"), money("333.33"), money("333.34"));
        assertThat(schedule).extracting(ScheduledInstalment::interest).containsOnly(money("0.00"));
        assertThat(schedule).extracting(ScheduledInstalment::remainingPrincipal)
                .containsExactly(money("666.67"), money("333.34"), money("0.00"));
    }

    @Test
    void equalPrincipalWhen1000At12PercentOver3MonthsThenInstalmentsFallAndTheLastTakesTheRemainder() {
        List<ScheduledInstalment> schedule = RepaymentSchedule.equalPrincipal(new BigDecimal("1000.00"), rate("12"), 3);

        // 1000/3 = 333.33 rounded down; interest 1 % of 1000.00, 666.67 (6.6667 → 6.67), 333.34 (3.3334 → 3.33).
        assertThat(schedule).containsExactly(
                new ScheduledInstalment(1, money("343.33"), money("333.33"), money("10.00"), money("666.67")),
                new ScheduledInstalment(2, money("340.00"), money("333.33"), money("6.67"), money("333.34")),
                new ScheduledInstalment(3, money("336.67"), money("333.34"), money("3.33"), money("0.00")));
    }

    @Test
    void equalPrincipalWhenRateIsPositiveThenEveryInstalmentIsBelowThePreviousOne() {
        List<ScheduledInstalment> schedule = RepaymentSchedule.equalPrincipal(new BigDecimal("24000.00"), rate("6.9"), 24);

        for (int month = 1; month < schedule.size(); month++) {
            assertThat(schedule.get(month).instalment()).as("instalment %d", month + 1)
                    .isLessThan(schedule.get(month - 1).instalment());
        }
        assertThat(schedule.getFirst().instalment()).isEqualTo("1138.00"); // 1000.00 + 24000 × 0.575 %
    }

    @Test
    void schedulesWhenAmountsRatesAndTermsAreRandomThenPrincipalSumsToTheAmountToTheCent() {
        Random random = new Random(20261122L); // fixed seed: a failure is reproducible
        for (int run = 0; run < 3000; run++) {
            BigDecimal principal = BigDecimal.valueOf(100 + random.nextLong(100_000_000L), 2); // 1.00 .. 1,000,001.00
            BigDecimal ratePercent = BigDecimal.valueOf(random.nextInt(30_001), 3); // 0.000 .. 30.000
            int months = 1 + random.nextInt(120);
            String inputs = principal + " at " + ratePercent + "% over " + months + " months";
            BigDecimal monthlyRate = RepaymentSchedule.monthlyRate(ratePercent);

            List<ScheduledInstalment> annuity = RepaymentSchedule.annuity(principal, monthlyRate, months);
            assertConsistent(annuity, principal, months, inputs + " (annuity)");
            if (ratePercent.signum() > 0 && months > 1) {
                BigDecimal regular = RepaymentSchedule.annuityInstalment(principal, monthlyRate, months);
                assertThat(annuity.subList(0, months - 1)).extracting(ScheduledInstalment::instalment)
                        .as(inputs).containsOnly(regular);
            }
            assertConsistent(RepaymentSchedule.equalPrincipal(principal, monthlyRate, months), principal, months,
                    inputs + " (equal principal)");
        }
    }

    @Test
    void annuityWhenRoundingCompoundsOverTheLongestTermAtAnExtremeRateThenBalancesNeverGoNegative() {
        for (String ratePercent : List.of("99.99", "75", "48.5", "24")) {
            for (String amount : List.of("200.00", "0.01", "419.74", "1234.57")) {
                BigDecimal principal = new BigDecimal(amount);
                List<ScheduledInstalment> schedule = RepaymentSchedule.annuity(principal, rate(ratePercent), 480);

                assertConsistent(schedule, principal, 480, amount + " at " + ratePercent + "% over 480 months");
            }
        }
    }

    @Test
    void annuityWhenTheRoundedInstalmentRepaysTheLoanBeforeTheLastMonthThenTheRemainingInstalmentsAreZero() {
        // 419.74 at 24 % over 480 months: A = 8.40 (8.3948... rounded up); the half cent compounds at 2 % a month
        // (Python decimal: the balance is repaid in month 369). The guard stops at zero instead of going negative.
        List<ScheduledInstalment> schedule = RepaymentSchedule.annuity(new BigDecimal("419.74"), rate("24"), 480);

        assertThat(schedule.get(368).remainingPrincipal()).isZero();
        assertThat(schedule.get(367).remainingPrincipal()).isPositive();
        assertThat(schedule.subList(369, 480)).extracting(ScheduledInstalment::instalment)
                .containsOnly(money("0.00"));
    }

    @Test
    void scheduleWhenArgumentsAreOutOfRangeThenRefusedWithTheReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RepaymentSchedule.annuity(new BigDecimal("0.00"), rate("5"), 12))
                .withMessage("principal must be > 0, but was 0.00");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RepaymentSchedule.equalPrincipal(new BigDecimal("10.00"), rate("5"), 0))
                .withMessage("months must be >= 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RepaymentSchedule.monthlyRate(new BigDecimal("-1")))
                .withMessage("nominalAnnualRatePercent must be >= 0, but was -1");
    }

    /** The invariants every schedule keeps, whatever the inputs. */
    private static void assertConsistent(List<ScheduledInstalment> schedule, BigDecimal principal, int months,
            String inputs) {
        assertThat(schedule).as(inputs).hasSize(months);
        assertThat(sum(schedule, ScheduledInstalment::principal)).as("principal repaid, %s", inputs)
                .isEqualTo(principal);
        assertThat(schedule.getLast().remainingPrincipal()).as(inputs).isZero();
        BigDecimal balance = principal;
        for (ScheduledInstalment month : schedule) {
            balance = balance.subtract(month.principal());
            String where = inputs + ", month " + month.number();
            assertThat(month.instalment()).as(where).isEqualTo(month.principal().add(month.interest()));
            assertThat(month.remainingPrincipal()).as(where).isEqualTo(balance);
            assertThat(month.principal().signum()).as(where).isNotNegative();
            assertThat(month.interest().signum()).as(where).isNotNegative();
            assertThat(balance.signum()).as(where).isNotNegative();
            assertThat(month.instalment().scale()).as(where).isEqualTo(principal.scale());
        }
    }

    private static BigDecimal sum(List<ScheduledInstalment> schedule,
            java.util.function.Function<ScheduledInstalment, BigDecimal> part) {
        return schedule.stream().map(part).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static BigDecimal rate(String nominalPercent) {
        return RepaymentSchedule.monthlyRate(new BigDecimal(nominalPercent));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
