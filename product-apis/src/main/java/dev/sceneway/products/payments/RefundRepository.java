package dev.sceneway.products.payments;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refund} table, and the payment row lock that serialises the refunds of one payment. */
@Repository
class RefundRepository {

    /** A refund with the running total of its payment's refunds up to it (ordered by time, then id). */
    private static final String SELECT = """
            SELECT r.*, (SELECT sum(o.amount) FROM refund o WHERE o.payment_id = r.payment_id
                         AND (o.created_at, o.refund_id) <= (r.created_at, r.refund_id)) AS refunded_total
            FROM refund r""";

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What has been refunded of the payment so far (call with the payment locked: PaymentRepository#lock). */
    BigDecimal refundedTotal(UUID paymentId) {
        return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM refund WHERE payment_id = :id")
                .param("id", paymentId).query(BigDecimal.class).single();
    }

    /** Inserts the refund; false when this partner already used the key (the unique constraint decides). */
    boolean insert(RefundRecord refund, String idempotencyKey) {
        return jdbc.sql("""
                        INSERT INTO refund (refund_id, partner, idempotency_key, request_hash, payment_id,
                                            from_account, to_account, amount, currency, reference, created_at)
                        VALUES (:id, :partner, :key, :hash, :payment, :from, :to, :amount, :currency, :reference,
                                :createdAt)
                        ON CONFLICT (partner, idempotency_key) DO NOTHING""")
                .param("id", refund.refundId()).param("partner", refund.partner()).param("key", idempotencyKey)
                .param("hash", refund.requestHash()).param("payment", refund.paymentId())
                .param("from", refund.fromAccount()).param("to", refund.toAccount()).param("amount", refund.amount())
                .param("currency", refund.currency()).param("reference", refund.reference())
                .param("createdAt", Timestamp.from(refund.createdAt()))
                .update() == 1;
    }

    Optional<RefundRecord> findByKey(String partner, String idempotencyKey) {
        return jdbc.sql(SELECT + " WHERE r.partner = :partner AND r.idempotency_key = :key")
                .param("partner", partner).param("key", idempotencyKey).query(RefundRepository::map).optional();
    }

    Optional<RefundRecord> find(UUID refundId) {
        return jdbc.sql(SELECT + " WHERE r.refund_id = :id").param("id", refundId)
                .query(RefundRepository::map).optional();
    }

    private static RefundRecord map(ResultSet row, int rowNumber) throws SQLException {
        return new RefundRecord(row.getObject("refund_id", UUID.class), row.getString("partner"),
                row.getString("request_hash"), row.getObject("payment_id", UUID.class), row.getString("from_account"),
                row.getString("to_account"), row.getBigDecimal("amount"), row.getString("currency"),
                row.getString("reference"), row.getBigDecimal("refunded_total"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
