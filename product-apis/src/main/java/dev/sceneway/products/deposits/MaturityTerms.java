package dev.sceneway.products.deposits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A term deposit's maturity, fixed at opening: simple interest on the actual number of days over 365
 * (actual/365 fixed), paid with the principal on the maturity date.
 *
 * <pre>
 *   maturityDate   = startDate + termMonths   (the same day of the month, or that month's last day)
 *   days           = maturityDate - startDate
 *   interest       = principal x annualRatePercent / 100 x days / 365, rounded half-up to the cent
 *   maturityAmount = principal + interest
 * </pre>
 *
 * The product is computed exactly (BigDecimal, no intermediate rounding) and rounded once.
 */
record MaturityTerms(LocalDate startDate, LocalDate maturityDate, int days, BigDecimal interest,
        BigDecimal maturityAmount) {

    private static final BigDecimal DAYS_PER_YEAR_PERCENT = BigDecimal.valueOf(365 * 100);

    static MaturityTerms of(BigDecimal principal, BigDecimal annualRatePercent, LocalDate startDate, int termMonths) {
        if (principal.signum() <= 0 || annualRatePercent.signum() < 0 || termMonths < 1) {
            throw new IllegalArgumentException("principal > 0, rate >= 0 and term >= 1 month, but got " + principal
                    + ", " + annualRatePercent + ", " + termMonths);
        }
        LocalDate maturityDate = startDate.plusMonths(termMonths);
        int days = Math.toIntExact(ChronoUnit.DAYS.between(startDate, maturityDate));
        BigDecimal interest = principal.multiply(annualRatePercent).multiply(BigDecimal.valueOf(days))
                .divide(DAYS_PER_YEAR_PERCENT, 2, RoundingMode.HALF_UP);
        return new MaturityTerms(startDate, maturityDate, days, interest,
                principal.setScale(2, RoundingMode.UNNECESSARY).add(interest));
    }
}
