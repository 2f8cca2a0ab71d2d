package dev.sceneway.products.payments;

import dev.sceneway.products.bank.BankProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StreamOperations;
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

    /**
     * One round; returns how many uses were reported. The round's XADDs go to Redis in one pipeline and are marked
     * reported with one UPDATE; when Redis fails, none of them is marked (each counts an attempt) and the whole round is
     * sent again next time, in the same order.
     */
    int reportPending() {
        Integer reported = transactions.execute(status -> {
            List<Use> pending = jdbc.sql("""
                            SELECT consent_id, payment_id FROM consent_use WHERE reported_at IS NULL
                            ORDER BY used_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                    .param("batch", properties.reportBatch())
                    .query((row, n) -> new Use(row.getString("consent_id"), row.getObject("payment_id", UUID.class)))
                    .list();
            if (pending.isEmpty()) {
                return 0;
            }
            List<String> consentIds = pending.stream().map(Use::consentId).toList();
            try {
                redis.executePipelined(new SessionCallback<Object>() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
                        StreamOperations<String, Object, Object> streams =
                                (StreamOperations<String, Object, Object>) operations.opsForStream();
                        for (Use use : pending) {
                            streams.add(StreamRecords.string(Map.of(
                                            "consentId", use.consentId(), "event", "consumed", "bank", bank.id(),
                                            "paymentId", use.paymentId().toString()))
                                    .withStreamKey(properties.consentEvents()));
                        }
                        return null;
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Reporting the use of {} consent(s) failed; they stay in the outbox and are retried: {}",
                        pending.size(), e.getMessage());
                jdbc.sql("UPDATE consent_use SET report_attempts = report_attempts + 1 WHERE consent_id IN (:ids)")
                        .param("ids", consentIds).update();
                return 0;
            }
            jdbc.sql("""
                            UPDATE consent_use SET reported_at = now(), report_attempts = report_attempts + 1
                            WHERE consent_id IN (:ids)""")
                    .param("ids", consentIds).update();
            return pending.size();
        });
        return reported == null ? 0 : reported;
    }

    private record Use(String consentId, UUID paymentId) {
    }
}
