package dev.sceneway.products.credit.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.products.credit.agreement.AgreementRecord.InstalmentRow;
import dev.sceneway.products.credit.agreement.AgreementRecord.TrancheRow;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The early-repayment and withdrawal arithmetic against hand-computed values. The agreement: 12,000.00 at 5.49 %
 * over 24 months, signed 2026-01-10; its first two instalments (from the annuity schedule, checked in the quote
 * tests) are 529.09 = 474.19 + 54.90 (remaining 11,525.81) and 529.09 = 476.36 + 52.73 (remaining 11,049.45).
 */
class SettlementTest {

    private static final LocalDate SIGNED = LocalDate.of(2026, 1, 10);

    private static AgreementRecord agreement(String firstStatus, String secondStatus, String undrawn) {
        List<InstalmentRow> schedule = new ArrayList<>();
        schedule.add(new InstalmentRow(1, SIGNED.plusMonths(1), new BigDecimal("529.09"), new BigDecimal("474.19"),
                new BigDecimal("54.90"), new BigDecimal("11525.81"), firstStatus));
        schedule.add(new InstalmentRow(2, SIGNED.plusMonths(2), new BigDecimal("529.09"), new BigDecimal("476.36"),
                new BigDecimal("52.73"), new BigDecimal("11049.45"), secondStatus));
        // The rest of the schedule is summarised by one row carrying the remaining interest, due at the end.
        schedule.add(new InstalmentRow(3, SIGNED.plusMonths(24), new BigDecimal("11640.00"),
                new BigDecimal("11049.45"), new BigDecimal("590.55"), new BigDecimal("0.00"), "due"));
        List<TrancheRow> tranches = new BigDecimal(undrawn).signum() == 0
                ? List.of(new TrancheRow(1, "Whole amount", new BigDecimal("12000.00"), BigDecimal.ZERO, true, null))
                : List.of(new TrancheRow(1, "Deposit", new BigDecimal("12000.00").subtract(new BigDecimal(undrawn)),
                        BigDecimal.ZERO, true, null), new TrancheRow(2, "Works", new BigDecimal(undrawn),
                        BigDecimal.ZERO, false, null));
        return new AgreementRecord(UUID.randomUUID(), UUID.randomUUID(), "p", "c", "alice", "lakeside-renovation",
                RepaymentMethod.ANNUITY, new BigDecimal("12000.00"), Currency.getInstance("EUR"), 24,
                new BigDecimal("5.4900"), new BigDecimal("150.00"), BigDecimal.ZERO, new BigDecimal("6.94"),
                "LS-LOAN-1", undrawn.equals("0.00") ? null : "LS-ESCROW-1", "LS-RENO-MERCHANT", "LS-ALICE-CUR",
                Instant.parse("2026-01-10T09:00:00Z"), SIGNED, SIGNED.plusDays(14), AgreementRecord.Status.ACTIVE,
                null, tranches, schedule);
    }

    @Test
    void earlyRepaymentInsideTheWithdrawalPeriodChargesDaysOfInterestAndNoFee() {
        Settlement s = Settlement.earlyRepayment(agreement("due", "due", "0.00"), SIGNED.plusDays(18 - 8));
        // 12,000.00 × 5.49 % × 10 / 365 = 18.049… → 18.05
        assertThat(s.accruedInterest()).isEqualByComparingTo("18.05");
        assertThat(s.fee()).isEqualByComparingTo("0.00");
        assertThat(s.total()).isEqualByComparingTo("12018.05");
    }

    @Test
    void earlyRepaymentAfterAPaidInstalmentChargesInterestFromItsDueDateAndTheOnePercentFee() {
        LocalDate on = SIGNED.plusMonths(1).plusDays(20); // 2026-03-02, 20 days after the first due date
        Settlement s = Settlement.earlyRepayment(agreement("paid", "due", "0.00"), on);
        // 11,525.81 × 5.49 % × 20 / 365 = 34.671… → 34.67; fee 1 % of 11,525.81 = 115.26 (more than a year left)
        assertThat(s.outstandingPrincipal()).isEqualByComparingTo("11525.81");
        assertThat(s.accruedInterest()).isEqualByComparingTo("34.67");
        assertThat(s.fee()).isEqualByComparingTo("115.26");
        assertThat(s.total()).isEqualByComparingTo("11675.74");
    }

    @Test
    void aMissedInstalmentKeepsItsScheduledInterestAndItsPrincipalIsOwed() {
        LocalDate on = SIGNED.plusMonths(1).plusDays(5); // 5 days after the first (missed) due date
        Settlement s = Settlement.earlyRepayment(agreement("missed", "due", "0.00"), on);
        // Owed: all 12,000.00; interest: the missed 54.90 + 11,525.81 × 5.49 % × 5 / 365 = 8.667… → 8.67
        assertThat(s.outstandingPrincipal()).isEqualByComparingTo("12000.00");
        assertThat(s.accruedInterest()).isEqualByComparingTo("63.57");
    }

    @Test
    void undrawnTranchesComeBackFromEscrowInsteadOfBeingPaidByTheCustomer() {
        Settlement s = Settlement.earlyRepayment(agreement("due", "due", "8000.00"), SIGNED.plusDays(10));
        assertThat(s.total()).isEqualByComparingTo("4018.05");
    }

    @Test
    void withdrawalPaysBackThePrincipalWithDaysOfInterestAndRefundsTheArrangementFee() {
        Settlement s = Settlement.withdrawal(agreement("due", "due", "0.00"), SIGNED.plusDays(14));
        // 12,000.00 × 5.49 % × 14 / 365 = 25.269… → 25.27; fee 150.00 refunded
        assertThat(s.accruedInterest()).isEqualByComparingTo("25.27");
        assertThat(s.total()).isEqualByComparingTo("11875.27");
    }

    @Test
    void theFeeIsHalfAPercentWithLessThanAYearLeftAndNeverMoreThanTheInterestStillScheduled() {
        AgreementRecord agreement = agreement("paid", "paid", "0.00");
        LocalDate late = SIGNED.plusMonths(24).minusDays(30);
        Settlement s = Settlement.earlyRepayment(agreement, late);
        // 0.5 % of 11,049.45 = 55.25, below the 590.55 of interest still scheduled
        assertThat(s.fee()).isEqualByComparingTo("55.25");
        assertThat(Settlement.dayInterest(new BigDecimal("100.00"), new BigDecimal("3.65"), 1))
                .isEqualByComparingTo("0.01");
    }
}
