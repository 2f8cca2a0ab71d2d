package dev.sceneway.products.credit.agreement;

import dev.sceneway.products.credit.agreement.AgreementRecord.InstalmentRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What closing an agreement early costs on a given day: the arithmetic of the early-repayment quote and of the
 * withdrawal (credit.yaml documents both for partners). Pure: every rule has a unit test.
 *
 * <ul>
 *   <li>{@code outstandingPrincipal} = principal − principal of paid instalments − undrawn tranches (which come back
 *       from escrow instead of being paid by the customer).</li>
 *   <li>Early repayment: {@code accruedInterest} = scheduled interest of unpaid instalments already due +
 *       round_half_up(S × rate/100 × days/365), where S is the schedule's remaining principal after the last due date
 *       reached (or the principal before the first) and days run from that date (or the signing date) to the day.</li>
 *   <li>Early repayment fee (Consumer Credit Directive 2008/48/EC Art. 16): 1 % of S if more than one year is left
 *       to the final due date, else 0.5 %, rounded half up; capped at the interest the schedule would still charge
 *       after the day; zero up to the withdrawal deadline.</li>
 *   <li>Withdrawal (Art. 14): interest round_half_up(principal × rate/100 × days/365) from signing to the day, no fee,
 *       and the arrangement fee refunded.</li>
 * </ul>
 */
record Settlement(String kind, LocalDate on, BigDecimal outstandingPrincipal, BigDecimal undrawn,
        BigDecimal accruedInterest, BigDecimal fee, BigDecimal feeRefund) {

    static final String EARLY_REPAYMENT = "early-repayment";
    static final String WITHDRAWAL = "withdrawal";
    private static final BigDecimal DAYS_A_YEAR = BigDecimal.valueOf(365);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What the customer pays: principal still owed less what escrow returns, plus interest and fee, less refunds. */
    BigDecimal total() {
        return outstandingPrincipal.subtract(undrawn).add(accruedInterest).add(fee).subtract(feeRefund);
    }

    static Settlement earlyRepayment(AgreementRecord agreement, LocalDate on) {
        LocalDate periodStart = agreement.signedOn();
        BigDecimal remaining = agreement.principal();
        BigDecimal overdueInterest = BigDecimal.ZERO.setScale(2);
        BigDecimal laterInterest = BigDecimal.ZERO.setScale(2);
        for (InstalmentRow row : agreement.schedule()) {
            if (!row.dueDate().isAfter(on)) {
                periodStart = row.dueDate();
                remaining = row.remainingPrincipal();
                if (row.unpaid()) {
                    overdueInterest = overdueInterest.add(row.interest());
                }
            } else {
                laterInterest = laterInterest.add(row.interest());
            }
        }
        BigDecimal accrued = overdueInterest.add(dayInterest(remaining, agreement.nominalRatePercent(),
                ChronoUnit.DAYS.between(periodStart, on)));
        BigDecimal fee = BigDecimal.ZERO.setScale(2);
        if (on.isAfter(agreement.withdrawalDeadline())) {
            LocalDate finalDue = agreement.schedule().getLast().dueDate();
            BigDecimal rate = on.plusYears(1).isBefore(finalDue) ? new BigDecimal("0.01") : new BigDecimal("0.005");
            fee = remaining.multiply(rate).setScale(2, RoundingMode.HALF_UP).min(laterInterest);
        }
        return new Settlement(EARLY_REPAYMENT, on, agreement.outstandingPrincipal(), agreement.undrawn(), accrued,
                fee, BigDecimal.ZERO.setScale(2));
    }

    static Settlement withdrawal(AgreementRecord agreement, LocalDate on) {
        BigDecimal interest = dayInterest(agreement.principal(), agreement.nominalRatePercent(),
                ChronoUnit.DAYS.between(agreement.signedOn(), on));
        return new Settlement(WITHDRAWAL, on, agreement.outstandingPrincipal(), agreement.undrawn(), interest,
                BigDecimal.ZERO.setScale(2), agreement.arrangementFee());
    }

    /** round_half_up(amount × ratePercent / 100 × days / 365) to the cent; exact until the one rounding. */
    static BigDecimal dayInterest(BigDecimal amount, BigDecimal ratePercent, long days) {
        if (days <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return amount.multiply(ratePercent).multiply(BigDecimal.valueOf(days))
                .divide(HUNDRED.multiply(DAYS_A_YEAR), 2, RoundingMode.HALF_UP);
    }
}
