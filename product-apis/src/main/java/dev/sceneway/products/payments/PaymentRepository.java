package dev.sceneway.products.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment and consent_use tables of the bank's schema. */
@Repository
class PaymentRepository {

    private static final String COLUMNS = """
            payment_id, partner, request_hash, consent_id, debtor_account, creditor_account, creditor_name, amount,
            currency, reference, status, status_reason, created_at, status_updated_at""";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code (partner, idempotencyKey)} for {@code payment}, recorded in its status ({@code pending}, or the
     * final status of an instant payment decided in the same transaction); false when the key is taken. A concurrent
     * request holding the same key uncommitted makes this wait until it commits (then false) or rolls back (then
     * true).
     */
    boolean claim(PaymentRecord payment, String customer, String idempotencyKey) {
        return jdbc.sql("""
                        INSERT INTO payment (payment_id, partner, idempotency_key, request_hash, consent_id, customer,
                                             debtor_account, creditor_account, creditor_name, amount, currency,
                                             reference, status, status_reason, created_at, status_updated_at)
                        VALUES (:id, :partner, :key, :hash, :consent, :customer, :debtor, :creditor, :creditorName,
                                :amount, :currency, :reference, :status, :reason, :createdAt, :statusUpdatedAt)
                        ON CONFLICT (partner, idempotency_key) DO NOTHING""")
                .param("id", payment.paymentId())
                .param("partner", payment.partner())
                .param("key", idempotencyKey)
                .param("hash", payment.requestHash())
                .param("consent", payment.consentId())
                .param("customer", customer)
                .param("debtor", payment.debtorAccount())
                .param("creditor", payment.creditorAccount())
                .param("creditorName", payment.creditorName())
                .param("amount", payment.amount())
                .param("currency", payment.currency())
                .param("reference", payment.reference())
                .param("status", payment.status().name().toLowerCase(Locale.ROOT))
                .param("reason", payment.statusReason())
                .param("createdAt", Timestamp.from(payment.createdAt()))
                .param("statusUpdatedAt", Timestamp.from(payment.statusUpdatedAt()))
                .update() == 1;
    }

    Optional<PaymentRecord> findByKey(String partner, String idempotencyKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE partner = :partner AND idempotency_key = :key")
                .param("partner", partner).param("key", idempotencyKey)
                .query(PaymentRepository::map).optional();
    }

    Optional<PaymentRecord> find(UUID paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE payment_id = :id")
                .param("id", paymentId)
                .query(PaymentRepository::map).optional();
    }

    /** pending → completed; the payment must be pending (and locked by the caller's transaction). */
    void complete(UUID paymentId, Instant at) {
        move(paymentId, "completed", null, at);
    }

    /** pending → rejected with {@code reason}; the payment must be pending (and locked by the caller's transaction). */
    void reject(UUID paymentId, String reason, Instant at) {
        move(paymentId, "rejected", reason, at);
    }

    private void move(UUID paymentId, String status, @Nullable String reason, Instant at) {
        int moved = jdbc.sql("""
                        UPDATE payment SET status = :status, status_reason = :reason, status_updated_at = :at
                        WHERE payment_id = :id AND status = 'pending'""")
                .param("status", status).param("reason", reason).param("at", Timestamp.from(at))
                .param("id", paymentId).update();
        if (moved != 1) {
            throw new IllegalStateException("payment " + paymentId + " was not pending");
        }
    }

    /** The ids of pending payments, oldest first: the payment run's queue. */
    List<UUID> pending(int limit) {
        return jdbc.sql("SELECT payment_id FROM payment WHERE status = 'pending' ORDER BY created_at LIMIT :limit")
                .param("limit", limit).query(UUID.class).list();
    }

    /** The payment, locked until the caller's transaction ends (its refunds are serialised on this lock). */
    Optional<PaymentRecord> lock(UUID paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE payment_id = :id FOR UPDATE")
                .param("id", paymentId).query(PaymentRepository::map).optional();
    }

    /** The payment, locked, while it is still pending and no other run holds it. */
    Optional<PaymentRecord> lockPending(UUID paymentId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM payment WHERE payment_id = :id AND status = 'pending' FOR UPDATE SKIP LOCKED")
                .param("id", paymentId).query(PaymentRepository::map).optional();
    }

    /** Records the consent's single use; false when it was already used (the primary key decides). */
    boolean recordUse(String consentId, UUID paymentId, Instant usedAt) {
        return jdbc.sql("""
                        INSERT INTO consent_use (consent_id, payment_id, used_at) VALUES (:consent, :payment, :usedAt)
                        ON CONFLICT (consent_id) DO NOTHING""")
                .param("consent", consentId).param("payment", paymentId).param("usedAt", Timestamp.from(usedAt))
                .update() == 1;
    }

    private static PaymentRecord map(ResultSet row, int rowNumber) throws SQLException {
        return new PaymentRecord(
                row.getObject("payment_id", UUID.class),
                row.getString("partner"),
                row.getString("request_hash"),
                row.getString("consent_id"),
                row.getString("debtor_account"),
                row.getString("creditor_account"),
                row.getString("creditor_name"),
                row.getBigDecimal("amount"),
                row.getString("currency"),
                row.getString("reference"),
                PaymentRecord.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getString("status_reason"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("status_updated_at", OffsetDateTime.class).toInstant());
    }
}
