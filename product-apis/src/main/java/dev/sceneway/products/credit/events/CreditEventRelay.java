package dev.sceneway.products.credit.events;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.payments.PaymentsProperties;
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
 * The outbox relay: {@code XADD sceneway:consent-events * event partner-event eventId <id> bank <bank id>
 * partner <client id> consentId <id> type <type> payload <json>} for each unreported event, oldest first, then marks it reported. The
 * stream is the one the payment consent uses travel on: the auth-server's consumer group reads both and turns this
 * kind into a signed webhook. At least once: the auth-server queues each event id once, so a repeat does no harm.
 * Replicas share the work with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class CreditEventRelay {

    private static final Logger log = LoggerFactory.getLogger(CreditEventRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StringRedisTemplate redis;
    private final PaymentsProperties stream;
    private final String bank;

    CreditEventRelay(JdbcClient jdbc, TransactionTemplate transactions, StringRedisTemplate redis,
            PaymentsProperties stream, BankProperties bank) {
        this.bank = bank.id();
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.redis = redis;
        this.stream = stream;
    }

    /** One round; returns how many events were relayed. */
    int relayPending() {
        Integer relayed = transactions.execute(status -> {
            List<Event> pending = jdbc.sql("""
                            SELECT event_id, partner, consent_id, type, payload FROM credit_event
                            WHERE reported_at IS NULL ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                    .param("batch", stream.reportBatch())
                    .query((row, n) -> new Event(row.getObject("event_id", UUID.class), row.getString("partner"),
                            row.getString("consent_id"), row.getString("type"), row.getString("payload")))
                    .list();
            int sent = 0;
            for (Event event : pending) {
                try {
                    redis.opsForStream().add(StreamRecords.string(Map.of("event", "partner-event",
                                    "eventId", event.id().toString(), "bank", bank, "partner", event.partner(),
                                    "consentId", event.consentId(), "type", event.type(), "payload", event.payload()))
                            .withStreamKey(stream.consentEvents()));
                } catch (RuntimeException e) {
                    log.warn("Relaying credit event {} failed; it stays in the outbox: {}", event.id(), e.getMessage());
                    jdbc.sql("UPDATE credit_event SET report_attempts = report_attempts + 1 WHERE event_id = :id")
                            .param("id", event.id()).update();
                    break; // keep the order; try again next round
                }
                jdbc.sql("""
                                UPDATE credit_event SET reported_at = now(), report_attempts = report_attempts + 1
                                WHERE event_id = :id""")
                        .param("id", event.id()).update();
                sent++;
            }
            return sent;
        });
        return relayed == null ? 0 : relayed;
    }

    private record Event(UUID id, String partner, String consentId, String type, String payload) {
    }
}
