package dev.sceneway.products.payments;

import dev.sceneway.products.bank.BankProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay: reports each recorded consent use on the Redis stream the auth-server reads
 * ({@code XADD sceneway:consent-events * consentId <id> event consumed bank <bankId> paymentId <id>}) and marks it
 * reported; a use whose report failed stays unreported and is sent again next round, until Redis takes it.
 *
 * <p>At least once: a report whose XADD succeeded but whose mark did not commit is sent again; the auth-server's
 * Authorised → Consumed transition is idempotent. Replicas share the work safely: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class ConsentUseReporter {

    private static final Logger log = LoggerFactory.getLogger(ConsentUseReporter.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StringRedisTemplate redis;
    private final PaymentsProperties properties;
    private final BankProperties bank;

    ConsentUseReporter(JdbcClient jdbc, TransactionTemplate transactions, StringRedisTemplate redis,
            PaymentsProperties properties, BankProperties bank) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.redis = redis;
        this.properties = properties;
        this.bank = bank;
    }

    /** One round; returns how many uses were reported. */
    int reportPending() {
        Integer reported = transactions.execute(status -> {
            List<Use> pending = jdbc.sql("""
                            SELECT consent_id, payment_id FROM consent_use WHERE reported_at IS NULL
                            ORDER BY used_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                    .param("batch", properties.reportBatch())
                    .query((row, n) -> new Use(row.getString("consent_id"), row.getObject("payment_id", UUID.class)))
                    .list();
            int sent = 0;
            for (Use use : pending) {
                try {
                    redis.opsForStream().add(StreamRecords.string(Map.of(
                                    "consentId", use.consentId(), "event", "consumed", "bank", bank.id(),
                                    "paymentId", use.paymentId().toString()))
                            .withStreamKey(properties.consentEvents()));
                } catch (RuntimeException e) {
                    log.warn("Reporting the use of consent {} failed; it stays in the outbox and is retried: {}",
                            use.consentId(), e.getMessage());
                    jdbc.sql("UPDATE consent_use SET report_attempts = report_attempts + 1 WHERE consent_id = :id")
                            .param("id", use.consentId()).update();
                    break; // Redis is unwell: keep the order, try again next round
                }
                jdbc.sql("""
                                UPDATE consent_use SET reported_at = now(), report_attempts = report_attempts + 1
                                WHERE consent_id = :id""")
                        .param("id", use.consentId()).update();
                sent++;
            }
            return sent;
        });
        return reported == null ? 0 : reported;
    }

    private record Use(String consentId, UUID paymentId) {
    }
}
