package dev.sceneway.products.credit.agreement;

import dev.sceneway.products.credit.agreement.AgreementRecord.InstalmentRow;
import dev.sceneway.products.credit.agreement.AgreementRecord.Status;
import dev.sceneway.products.credit.agreement.AgreementRecord.TrancheRow;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agreement tables: {@code credit_agreement}, {@code credit_tranche}, {@code credit_instalment}. */
@Repository
class AgreementRepository {

    private final JdbcClient jdbc;

    AgreementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AgreementRecord a, String disclosureDigest) {
        jdbc.sql("""
                        INSERT INTO credit_agreement (agreement_id, application_id, partner, consent_id, customer,
                            product_id, repayment_method, principal, currency, term_months, nominal_rate_percent,
                            arrangement_fee, merchant_discount_percent, apr_percent, loan_account_id,
                            escrow_account_id, merchant_account_id, repayment_account_id, disclosure_digest,
                            signed_at, signed_on, withdrawal_deadline, status)
                        VALUES (:id, :application, :partner, :consent, :customer, :product, :method, :principal,
                            :currency, :term, :rate, :fee, :discount, :apr, :loan, :escrow, :merchant, :repayment,
                            :digest, :signedAt, :signedOn, :deadline, 'active')""")
                .param("id", a.agreementId()).param("application", a.applicationId()).param("partner", a.partner())
                .param("consent", a.consentId()).param("customer", a.customer()).param("product", a.productId())
                .param("method", a.repaymentMethod().name()).param("principal", a.principal())
                .param("currency", a.currency().getCurrencyCode()).param("term", a.termMonths())
                .param("rate", a.nominalRatePercent()).param("fee", a.arrangementFee())
                .param("discount", a.merchantDiscountPercent()).param("apr", a.aprPercent())
                .param("loan", a.loanAccountId()).param("escrow", a.escrowAccountId())
                .param("merchant", a.merchantAccountId()).param("repayment", a.repaymentAccountId())
                .param("digest", disclosureDigest).param("signedAt", Timestamp.from(a.signedAt()))
                .param("signedOn", a.signedOn()).param("deadline", a.withdrawalDeadline())
                .update();
        for (TrancheRow t : a.tranches()) {
            jdbc.sql("""
                            INSERT INTO credit_tranche (agreement_id, number, milestone, amount, merchant_fee, status)
                            VALUES (:id, :number, :milestone, :amount, :fee, 'awaiting')""")
                    .param("id", a.agreementId()).param("number", t.number()).param("milestone", t.milestone())
                    .param("amount", t.amount()).param("fee", t.merchantFee())
                    .update();
        }
        for (InstalmentRow row : a.schedule()) {
            jdbc.sql("""
                            INSERT INTO credit_instalment (agreement_id, number, due_date, instalment, principal,
                                interest, remaining_principal, status)
                            VALUES (:id, :number, :due, :instalment, :principal, :interest, :remaining, 'due')""")
                    .param("id", a.agreementId()).param("number", row.number()).param("due", row.dueDate())
                    .param("instalment", row.instalment()).param("principal", row.principal())
                    .param("interest", row.interest()).param("remaining", row.remainingPrincipal())
                    .update();
        }
    }

    Optional<AgreementRecord> find(UUID agreementId) {
        return jdbc.sql("SELECT * FROM credit_agreement WHERE agreement_id = :id").param("id", agreementId)
                .query(this::map).optional();
    }

    Optional<AgreementRecord> findByApplication(UUID applicationId) {
        return jdbc.sql("SELECT * FROM credit_agreement WHERE application_id = :id").param("id", applicationId)
                .query(this::map).optional();
    }

    /** Locks the agreement row (every change to an agreement holds it) and reads it. */
    Optional<AgreementRecord> lock(UUID agreementId) {
        return jdbc.sql("SELECT * FROM credit_agreement WHERE agreement_id = :id FOR UPDATE")
                .param("id", agreementId).query(this::map).optional();
    }

    void releaseTranche(UUID agreementId, int number, UUID transactionId, Instant at) {
        update(jdbc.sql("""
                        UPDATE credit_tranche SET status = 'released', released_at = :at, transaction_id = :tx
                        WHERE agreement_id = :id AND number = :number AND status = 'awaiting'""")
                .param("at", Timestamp.from(at)).param("tx", transactionId).param("id", agreementId)
                .param("number", number).update(), "tranche " + number + " of " + agreementId);
    }

    void payInstalment(UUID agreementId, int number, UUID transactionId, Instant at) {
        update(jdbc.sql("""
                        UPDATE credit_instalment SET status = 'paid', paid_at = :at, transaction_id = :tx
                        WHERE agreement_id = :id AND number = :number AND status IN ('due', 'missed')""")
                .param("at", Timestamp.from(at)).param("tx", transactionId).param("id", agreementId)
                .param("number", number).update(), "instalment " + number + " of " + agreementId);
    }

    void missInstalment(UUID agreementId, int number) {
        jdbc.sql("UPDATE credit_instalment SET status = 'missed' WHERE agreement_id = :id AND number = :number"
                        + " AND status = 'due'")
                .param("id", agreementId).param("number", number).update();
    }

    /** Marks the due notice of an instalment sent; false if it already was. */
    boolean markDueNotified(UUID agreementId, int number) {
        return jdbc.sql("""
                        UPDATE credit_instalment SET due_notified = TRUE
                        WHERE agreement_id = :id AND number = :number AND NOT due_notified""")
                .param("id", agreementId).param("number", number).update() == 1;
    }

    /** active → repaid | withdrawn; the instalments still owed are cancelled. */
    void close(UUID agreementId, Status status, Instant at) {
        update(jdbc.sql("""
                        UPDATE credit_agreement SET status = :status, closed_at = :at
                        WHERE agreement_id = :id AND status = 'active'""")
                .param("status", status.wireName()).param("at", Timestamp.from(at)).param("id", agreementId)
                .update(), "agreement " + agreementId);
        jdbc.sql("UPDATE credit_instalment SET status = 'cancelled' WHERE agreement_id = :id"
                        + " AND status IN ('due', 'missed')")
                .param("id", agreementId).update();
    }

    void recordSettlement(UUID agreementId, Settlement settlement, UUID transactionId) {
        jdbc.sql("""
                        INSERT INTO credit_settlement (agreement_id, kind, settled_on, principal, interest, fee,
                            transaction_id)
                        VALUES (:id, :kind, :on, :principal, :interest, :fee, :tx)""")
                .param("id", agreementId).param("kind", settlement.kind()).param("on", settlement.on())
                .param("principal", settlement.outstandingPrincipal()).param("interest", settlement.accruedInterest())
                .param("fee", settlement.fee().subtract(settlement.feeRefund())).param("tx", transactionId)
                .update();
    }

    /** Active agreements with an instalment owed on or before {@code day}, or due within the notice window. */
    List<UUID> withInstalmentsBefore(LocalDate day) {
        return jdbc.sql("""
                        SELECT DISTINCT i.agreement_id FROM credit_instalment i
                        JOIN credit_agreement a ON a.agreement_id = i.agreement_id AND a.status = 'active'
                        WHERE i.status IN ('due', 'missed') AND i.due_date <= :day""")
                .param("day", day).query(UUID.class).list();
    }

    private static void update(int rows, String what) {
        if (rows != 1) {
            throw new IllegalStateException(what + " was not in the state the change expected");
        }
    }

    private AgreementRecord map(ResultSet row, int n) throws SQLException {
        UUID id = row.getObject("agreement_id", UUID.class);
        List<TrancheRow> tranches = jdbc.sql("""
                        SELECT number, milestone, amount, merchant_fee, status, released_at FROM credit_tranche
                        WHERE agreement_id = :id ORDER BY number""")
                .param("id", id)
                .query((t, i) -> new TrancheRow(t.getInt("number"), t.getString("milestone"),
                        t.getBigDecimal("amount"), t.getBigDecimal("merchant_fee"),
                        t.getString("status").equals("released"), instant(t, "released_at")))
                .list();
        List<InstalmentRow> schedule = jdbc.sql("""
                        SELECT number, due_date, instalment, principal, interest, remaining_principal, status
                        FROM credit_instalment WHERE agreement_id = :id ORDER BY number""")
                .param("id", id)
                .query((r, i) -> new InstalmentRow(r.getInt("number"), r.getObject("due_date", LocalDate.class),
                        r.getBigDecimal("instalment"), r.getBigDecimal("principal"), r.getBigDecimal("interest"),
                        r.getBigDecimal("remaining_principal"), r.getString("status")))
                .list();
        return new AgreementRecord(id, row.getObject("application_id", UUID.class), row.getString("partner"),
                row.getString("consent_id"), row.getString("customer"), row.getString("product_id"),
                RepaymentMethod.valueOf(row.getString("repayment_method")), row.getBigDecimal("principal"),
                Currency.getInstance(row.getString("currency")), row.getInt("term_months"),
                row.getBigDecimal("nominal_rate_percent"), row.getBigDecimal("arrangement_fee"),
                row.getBigDecimal("merchant_discount_percent"), row.getBigDecimal("apr_percent"),
                row.getString("loan_account_id"), row.getString("escrow_account_id"),
                row.getString("merchant_account_id"), row.getString("repayment_account_id"),
                java.util.Objects.requireNonNull(instant(row, "signed_at")), row.getObject("signed_on", LocalDate.class),
                row.getObject("withdrawal_deadline", LocalDate.class),
                Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), instant(row, "closed_at"),
                tranches, schedule);
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
