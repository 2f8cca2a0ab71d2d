package dev.sceneway.auth.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox ({@code webhook_delivery}) and the attempt log ({@code webhook_attempt}) in PostgreSQL.
 *
 * <p>Workers on any number of replicas claim due rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} inside one
 * {@code UPDATE} that moves the row's due time past the claim's end and stamps a claim token: a row is handed to one
 * worker at a time, and a worker that dies mid-attempt only delays it until the claim runs out. A result is recorded
 * only under the claim token it was claimed with, so a worker whose claim ran out cannot overwrite the row's state.
 */
final class WebhookStore {

    /** Delivery states: PENDING (due at next_attempt_at, or claimed), DELIVERED (a 2xx), FAILED (gave up). */
    enum Status {
        PENDING, DELIVERED, FAILED
    }

    /** A row a worker holds: deliver {@code payload} to the partner's current {@code url} as attempt {@code attempt}. */
    record Claimed(UUID id, String clientId, String payload, int attempt, UUID claimToken, @Nullable String url) {
    }

    /** One attempt as the log shows it; {@code retryAt} is when the next one was scheduled, if any. */
    record Attempt(int attempt, Instant at, String url, @Nullable Integer statusCode, @Nullable String error,
            long durationMillis, @Nullable Instant retryAt) {
    }

    /** One delivery with its attempts, oldest attempt first. */
    record Delivery(UUID id, String eventType, String consentId, String payload, Status status, int attempts,
            Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Instant finishedAt,
            List<Attempt> attemptLog) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    WebhookStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Queues a delivery, due at once; joins the caller's transaction when there is one. */
    void enqueue(UUID id, String clientId, WebhookEventType type, String consentId, String payload, Instant now) {
        jdbc.update("""
                INSERT INTO webhook_delivery (id, client_id, event_type, consent_id, payload, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, clientId, type.wireName(), consentId, payload,
                Timestamp.from(now), Timestamp.from(now));
    }

    /**
     * Queues a delivery reported by a bank service, once per event id: a report repeated (the stream delivers at
     * least once) finds its row and adds nothing. Returns whether this call queued it.
     */
    boolean enqueueOnce(UUID id, String clientId, String eventType, String consentId, String payload, Instant now) {
        return jdbc.update("""
                INSERT INTO webhook_delivery (id, client_id, event_type, consent_id, payload, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""", id, clientId, eventType, consentId,
                payload, Timestamp.from(now), Timestamp.from(now)) == 1;
    }

    /** Claims up to {@code limit} due deliveries until {@code now + claimFor}; other workers skip them meanwhile. */
    List<Claimed> claimDue(Instant now, int limit, Duration claimFor) {
        UUID token = UUID.randomUUID();
        return jdbc.query("""
                UPDATE webhook_delivery d SET next_attempt_at = ?, claim_token = ?
                WHERE d.id IN (SELECT id FROM webhook_delivery
                               WHERE status = 'PENDING' AND next_attempt_at <= ?
                               ORDER BY next_attempt_at LIMIT ?
                               FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.client_id, d.payload, d.attempts + 1 AS attempt, d.claim_token,
                    (SELECT p.webhook_url FROM partner_client p WHERE p.client_id = d.client_id) AS url""",
                (row, number) -> new Claimed(row.getObject("id", UUID.class), row.getString("client_id"),
                        row.getString("payload"), row.getInt("attempt"), row.getObject("claim_token", UUID.class),
                        row.getString("url")),
                Timestamp.from(now.plus(claimFor)), token, Timestamp.from(now), limit);
    }

    /**
     * Records an attempt and the delivery's new state in one transaction: delivered, failed, or pending until the
     * attempt's {@code retryAt}. Returns false (and records nothing) when the claim is no longer this worker's.
     */
    boolean record(Claimed claimed, Attempt attempt, Status status) {
        Instant nextAttemptAt = status == Status.PENDING ? attempt.retryAt() : null;
        if ((status == Status.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("a pending delivery needs a retry time, a finished one none");
        }
        Boolean recorded = transactions.execute(tx -> {
            Instant finishedAt = status == Status.PENDING ? null : attempt.at().plusMillis(attempt.durationMillis());
            int updated = jdbc.update("""
                    UPDATE webhook_delivery SET status = ?, attempts = ?, next_attempt_at = ?, claim_token = NULL,
                        finished_at = ?
                    WHERE id = ? AND claim_token = ?""", status.name(), attempt.attempt(),
                    Timestamp.from(nextAttemptAt == null ? attempt.at() : nextAttemptAt),
                    finishedAt == null ? null : Timestamp.from(finishedAt), claimed.id(), claimed.claimToken());
            if (updated == 0) {
                return false;
            }
            jdbc.update("""
                    INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, url, status_code, error, duration_ms,
                        retry_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", claimed.id(), attempt.attempt(), Timestamp.from(attempt.at()),
                    truncate(attempt.url(), 1000), attempt.statusCode(), truncate(attempt.error(), 500),
                    attempt.durationMillis(), nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
            return true;
        });
        return Boolean.TRUE.equals(recorded);
    }

    /** Deletes delivered and failed deliveries (with their attempts) that finished before {@code cutoff}. */
    int purgeFinishedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND finished_at < ?",
                Timestamp.from(cutoff));
    }

    /**
     * A page of one partner's deliveries, newest first, strictly after {@code after} (the last row of the previous
     * page) when given.
     */
    List<Delivery> page(String clientId, @Nullable PageCursor after, int limit) {
        List<Delivery> deliveries = after == null
                ? jdbc.query("""
                        SELECT * FROM webhook_delivery WHERE client_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT ?""", WebhookStore::deliveryRow, clientId, limit)
                : jdbc.query("""
                        SELECT * FROM webhook_delivery WHERE client_id = ? AND (created_at, id) < (?, ?)
                        ORDER BY created_at DESC, id DESC LIMIT ?""", WebhookStore::deliveryRow, clientId,
                        Timestamp.from(after.createdAt()), after.id(), limit);
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT * FROM webhook_attempt WHERE delivery_id = ANY (?) ORDER BY delivery_id, attempt""");
            statement.setArray(1, connection.createArrayOf("uuid", deliveries.stream().map(Delivery::id).toArray()));
            return statement;
        }, row -> {
            attempts.computeIfAbsent(row.getObject("delivery_id", UUID.class), id -> new ArrayList<>())
                    .add(attemptRow(row));
        });
        return deliveries.stream().map(d -> new Delivery(d.id(), d.eventType(), d.consentId(), d.payload(),
                d.status(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.finishedAt(),
                List.copyOf(attempts.getOrDefault(d.id(), List.of())))).toList();
    }

    private static Delivery deliveryRow(ResultSet row, int number) throws SQLException {
        Status status = Status.valueOf(row.getString("status"));
        return new Delivery(row.getObject("id", UUID.class), row.getString("event_type"),
                row.getString("consent_id"), row.getString("payload"), status, row.getInt("attempts"),
                instant(row, "created_at"), status == Status.PENDING ? instantOrNull(row, "next_attempt_at") : null,
                instantOrNull(row, "finished_at"), List.of());
    }

    private static Attempt attemptRow(ResultSet row) throws SQLException {
        return new Attempt(row.getInt("attempt"), instant(row, "attempted_at"), row.getString("url"),
                row.getObject("status_code", Integer.class), row.getString("error"), row.getLong("duration_ms"),
                instantOrNull(row, "retry_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Instant value = instantOrNull(row, column);
        if (value == null) {
            throw new IllegalStateException(column + " is null");
        }
        return value;
    }

    private static @Nullable Instant instantOrNull(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
