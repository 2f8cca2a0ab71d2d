package dev.sceneway.products.deposits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The term_deposit table of the bank's schema. */
@Repository
class TermDepositRepository {

    private static final String COLUMNS = """
            term_deposit_id, partner, request_hash, consent_id, customer, product_id, source_account, principal,
            currency, annual_rate_percent, term_months, start_date, maturity_date, days, interest, maturity_amount,
            status, opened_at, matured_at""";

    private final JdbcClient jdbc;

    TermDepositRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code (partner, idempotencyKey)} for {@code deposit}; false when the key is taken. A concurrent request
     * holding the same key uncommitted makes this wait until it commits (false) or rolls back (true).
     */
    boolean claim(TermDepositRecord deposit, String idempotencyKey) {
        MaturityTerms terms = deposit.terms();
        return jdbc.sql("""
                        INSERT INTO term_deposit (term_deposit_id, partner, idempotency_key, request_hash, consent_id,
                                                  customer, product_id, source_account, principal, currency,
                                                  annual_rate_percent, term_months, start_date, maturity_date, days,
                                                  interest, maturity_amount, status, opened_at)
                        VALUES (:id, :partner, :key, :hash, :consent, :customer, :product, :source, :principal,
                                :currency, :rate, :term, :start, :maturity, :days, :interest, :maturityAmount,
                                'active', :openedAt)
                        ON CONFLICT (partner, idempotency_key) DO NOTHING""")
                .param("id", deposit.termDepositId()).param("partner", deposit.partner())
                .param("key", idempotencyKey).param("hash", deposit.requestHash())
                .param("consent", deposit.consentId()).param("customer", deposit.customer())
                .param("product", deposit.productId()).param("source", deposit.sourceAccount())
                .param("principal", deposit.principal()).param("currency", deposit.currency())
                .param("rate", deposit.annualRatePercent()).param("term", deposit.termMonths())
                .param("start", terms.startDate()).param("maturity", terms.maturityDate())
                .param("days", terms.days()).param("interest", terms.interest())
                .param("maturityAmount", terms.maturityAmount())
                .param("openedAt", Timestamp.from(deposit.openedAt()))
                .update() == 1;
    }

    Optional<TermDepositRecord> findByKey(String partner, String idempotencyKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM term_deposit WHERE partner = :partner AND idempotency_key = :key")
                .param("partner", partner).param("key", idempotencyKey)
                .query(TermDepositRepository::map).optional();
    }

    Optional<TermDepositRecord> find(String termDepositId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM term_deposit WHERE term_deposit_id = :id")
                .param("id", termDepositId).query(TermDepositRepository::map).optional();
    }

    /** The ids of active deposits due on or before {@code day}, oldest maturity first. */
    List<String> dueBy(LocalDate day, int limit) {
        return jdbc.sql("""
                        SELECT term_deposit_id FROM term_deposit WHERE status = 'active' AND maturity_date <= :day
                        ORDER BY maturity_date, term_deposit_id LIMIT :limit""")
                .param("day", day).param("limit", limit).query(String.class).list();
    }

    /** The deposit, locked for its maturity, when it is still active and due by {@code day}. */
    Optional<TermDepositRecord> lockDue(String termDepositId, LocalDate day) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM term_deposit WHERE term_deposit_id = :id AND status = 'active' AND maturity_date <= :day
                        FOR UPDATE SKIP LOCKED""")
                .param("id", termDepositId).param("day", day).query(TermDepositRepository::map).optional();
    }

    void markMatured(String termDepositId, Instant maturedAt) {
        jdbc.sql("""
                        UPDATE term_deposit SET status = 'matured', matured_at = :at
                        WHERE term_deposit_id = :id AND status = 'active'""")
                .param("id", termDepositId).param("at", Timestamp.from(maturedAt)).update();
    }

    private static TermDepositRecord map(ResultSet row, int rowNumber) throws SQLException {
        OffsetDateTime matured = row.getObject("matured_at", OffsetDateTime.class);
        return new TermDepositRecord(
                row.getString("term_deposit_id"), row.getString("partner"), row.getString("request_hash"),
                row.getString("consent_id"), row.getString("customer"), row.getString("product_id"),
                row.getString("source_account"), row.getBigDecimal("principal"), row.getString("currency"),
                row.getBigDecimal("annual_rate_percent"), row.getInt("term_months"),
                new MaturityTerms(row.getObject("start_date", LocalDate.class),
                        row.getObject("maturity_date", LocalDate.class), row.getInt("days"),
                        row.getBigDecimal("interest"), row.getBigDecimal("maturity_amount")),
                TermDepositRecord.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getObject("opened_at", OffsetDateTime.class).toInstant(),
                matured == null ? null : matured.toInstant());
    }
}
