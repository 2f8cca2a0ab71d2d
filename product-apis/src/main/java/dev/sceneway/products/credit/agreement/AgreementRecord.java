package dev.sceneway.products.credit.agreement;

import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A credit agreement as stored, with its tranches and its schedule. */
record AgreementRecord(UUID agreementId, UUID applicationId, String partner, String consentId, String customer,
        String productId, RepaymentMethod repaymentMethod, BigDecimal principal, Currency currency, int termMonths,
        BigDecimal nominalRatePercent, BigDecimal arrangementFee, BigDecimal merchantDiscountPercent,
        BigDecimal aprPercent, String loanAccountId, @Nullable String escrowAccountId, String merchantAccountId,
        String repaymentAccountId, Instant signedAt, LocalDate signedOn, LocalDate withdrawalDeadline, Status status,
        @Nullable Instant closedAt, List<TrancheRow> tranches, List<InstalmentRow> schedule) {

    enum Status {
        ACTIVE, REPAID, WITHDRAWN;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record TrancheRow(int number, String milestone, BigDecimal amount, BigDecimal merchantFee, boolean released,
            @Nullable Instant releasedAt) {
    }

    record InstalmentRow(int number, LocalDate dueDate, BigDecimal instalment, BigDecimal principal,
            BigDecimal interest, BigDecimal remainingPrincipal, String status) {

        boolean unpaid() {
            return status.equals("due") || status.equals("missed");
        }
    }

    AgreementRecord {
        tranches = List.copyOf(tranches);
        schedule = List.copyOf(schedule);
    }

    /** Principal not yet repaid by paid instalments. */
    BigDecimal outstandingPrincipal() {
        if (status != Status.ACTIVE) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal repaid = schedule.stream().filter(row -> row.status().equals("paid"))
                .map(InstalmentRow::principal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return principal.subtract(repaid);
    }

    /** The tranches not yet paid out: still in escrow. */
    BigDecimal undrawn() {
        return tranches.stream().filter(tranche -> !tranche.released()).map(TrancheRow::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }
}
