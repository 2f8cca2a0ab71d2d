package dev.sceneway.products.credit.quote;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Monthly repayment schedules of an instalment loan. All amounts are {@link BigDecimal} at the scale of the principal
 * passed in (the currency's minor unit: 2 for EUR and CNY); the rules below are the contract's (credit.yaml,
 * {@code getCreditQuote}).
 *
 * <ul>
 *   <li>Monthly rate {@code r = nominalAnnualRatePercent / 100 / 12}, kept at {@link MathContext#DECIMAL128}
 *       (34 significant digits): never rounded to a "display" rate before use.</li>
 *   <li>Interest of a month = outstanding balance × r, rounded {@link RoundingMode#HALF_UP} to the cent.</li>
 *   <li>Principal parts always add up to the principal exactly: the last instalment takes whatever is left.</li>
 * </ul>
 */
final class RepaymentSchedule {

    /** Working precision of rate arithmetic: 34 digits, far beyond a cent on any amount the schema allows (10^15). */
    static final MathContext MC = MathContext.DECIMAL128;

    private static final BigDecimal MONTHS_TIMES_PERCENT = BigDecimal.valueOf(1200);

    private RepaymentSchedule() {
    }

    /** {@code r = nominal / 100 / 12}, exact for every rate with up to 4 decimals that divides evenly, else 34 digits. */
    static BigDecimal monthlyRate(BigDecimal nominalAnnualRatePercent) {
        if (nominalAnnualRatePercent.signum() < 0) {
            throw new IllegalArgumentException("nominalAnnualRatePercent must be >= 0, but was "
                    + nominalAnnualRatePercent);
        }
        return nominalAnnualRatePercent.divide(MONTHS_TIMES_PERCENT, MC);
    }

    /**
     * Annuity (French amortisation): equal instalments {@code A = P·r / (1 − (1 + r)^−n)}, computed at
     * {@link #MC} and rounded {@link RoundingMode#HALF_UP} to the cent. Each month: interest = round_half_up(balance·r),
     * principal = A − interest. The last instalment is the remaining balance plus its interest (the final-instalment
     * adjustment), so the principal parts sum to P exactly; because A was rounded, the last instalment may differ from
     * A by a few cents. At {@code r = 0}: {@code P / n} rounded down to the cent, the remainder on the last instalment.
     *
     * <p>Guard: over very long terms at high rates, rounding A up compounds; should the principal part of A ever
     * exceed the balance before the last month, that month repays the balance and the later instalments are zero.
     * Balances never go negative. (Not reachable with the sandbox products; e.g. 419.74 at 24 % over 480 months is
     * repaid in month 369. Conversely, when A rounds to exactly the first month's interest, nothing amortises and the
     * last instalment carries the whole principal: the rule, applied literally, at absurd rate-and-term pairs.)
     */
    static List<ScheduledInstalment> annuity(BigDecimal principal, BigDecimal monthlyRate, int months) {
        checkArguments(principal, monthlyRate, months);
        if (monthlyRate.signum() == 0) {
            return equalPrincipal(principal, monthlyRate, months);
        }
        BigDecimal instalment = annuityInstalment(principal, monthlyRate, months);
        List<ScheduledInstalment> schedule = new ArrayList<>(months);
        BigDecimal balance = principal;
        for (int number = 1; number <= months; number++) {
            BigDecimal interest = interest(balance, monthlyRate);
            BigDecimal principalPart = number == months ? balance : instalment.subtract(interest).min(balance);
            balance = balance.subtract(principalPart);
            schedule.add(new ScheduledInstalment(number, principalPart.add(interest), principalPart, interest, balance));
        }
        return schedule;
    }

    /** {@code P·r / (1 − (1 + r)^−n)} at {@link #MC}, rounded half up to the principal's scale; {@code r > 0}. */
    static BigDecimal annuityInstalment(BigDecimal principal, BigDecimal monthlyRate, int months) {
        BigDecimal discountFactor = BigDecimal.ONE.add(monthlyRate, MC).pow(-months, MC); // (1 + r)^−n
        return principal.multiply(monthlyRate, MC)
                .divide(BigDecimal.ONE.subtract(discountFactor, MC), MC)
                .setScale(principal.scale(), RoundingMode.HALF_UP);
    }

    /**
     * Equal principal (linear amortisation): principal part {@code P / n} rounded down to the cent, the remainder of
     * that division added to the last part; interest = round_half_up(balance·r) on the balance outstanding during the
     * month, so instalments fall month by month.
     */
    static List<ScheduledInstalment> equalPrincipal(BigDecimal principal, BigDecimal monthlyRate, int months) {
        checkArguments(principal, monthlyRate, months);
        BigDecimal regularPart = principal.divide(BigDecimal.valueOf(months), principal.scale(), RoundingMode.DOWN);
        List<ScheduledInstalment> schedule = new ArrayList<>(months);
        BigDecimal balance = principal;
        for (int number = 1; number <= months; number++) {
            BigDecimal interest = interest(balance, monthlyRate);
            BigDecimal principalPart = number == months ? balance : regularPart;
            balance = balance.subtract(principalPart);
            schedule.add(new ScheduledInstalment(number, principalPart.add(interest), principalPart, interest, balance));
        }
        return schedule;
    }

    /** A month's interest: {@code balance·r} (exact product), rounded half up to the balance's scale. */
    private static BigDecimal interest(BigDecimal balance, BigDecimal monthlyRate) {
        if (monthlyRate.signum() == 0) {
            return BigDecimal.ZERO.setScale(balance.scale());
        }
        return balance.multiply(monthlyRate).setScale(balance.scale(), RoundingMode.HALF_UP);
    }

    private static void checkArguments(BigDecimal principal, BigDecimal monthlyRate, int months) {
        if (principal.signum() <= 0) {
            throw new IllegalArgumentException("principal must be > 0, but was " + principal.toPlainString());
        }
        if (monthlyRate.signum() < 0) {
            throw new IllegalArgumentException("monthlyRate must be >= 0, but was " + monthlyRate);
        }
        if (months < 1) {
            throw new IllegalArgumentException("months must be >= 1, but was " + months);
        }
    }
}
