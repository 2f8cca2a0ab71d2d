package dev.sceneway.auth.consent;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code consent} and {@code consent_event} tables (V11__consent.sql). The partner's display name comes from its
 * registered client. Callers hold the transaction; {@link #lock} takes the row lock that serialises transitions.
 */
@Repository
class ConsentRepository {

    private static final String SELECT = """
            SELECT c.*, r.client_name FROM consent c
            LEFT JOIN oauth2_registered_client r ON r.client_id = c.partner_id
            """;
    private static final List<String> LIVE = List.of(ConsentStatus.AWAITING_AUTHORISATION.wireName(),
            ConsentStatus.AUTHORISED.wireName());

    private final JdbcTemplate jdbc;

    ConsentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredConsent consent) {
        ConsentView view = consent.view();
        PaymentTerms payment = view.payment();
        jdbc.update("""
                INSERT INTO consent (id, type, status, bank_id, partner_id, customer, permissions, accounts, created_at,
                    status_updated_at, expires_at, frequency_per_day, payment_amount, payment_currency,
                    creditor_account, creditor_name, payment_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, UUID.fromString(view.id()), view.type().wireName(), view.status().wireName(), view.bankId(),
                view.partnerId(), view.customer(), view.permissions().toArray(String[]::new),
                view.accounts().toArray(String[]::new), Timestamp.from(view.createdAt()),
                Timestamp.from(consent.statusUpdatedAt()), timestamp(view.expiresAt()), view.frequencyPerDay(),
                payment == null ? null : payment.amount(), payment == null ? null : payment.currency(),
                payment == null ? null : payment.creditorAccount(), payment == null ? null : payment.creditorName(),
                payment == null ? null : payment.reference());
    }

    Optional<StoredConsent> find(String consentId) {
        return uuid(consentId).flatMap(id -> jdbc.query(SELECT + " WHERE c.id = ?", ROW, id).stream().findFirst());
    }

    /** The consent, locked until the end of the caller's transaction: the next transition waits for this one. */
    Optional<StoredConsent> lock(String consentId) {
        return uuid(consentId).flatMap(id -> jdbc.query(SELECT + " WHERE c.id = ? FOR UPDATE OF c", ROW, id).stream()
                .findFirst());
    }

    /** Writes the new status (and the customer and accounts, which authorisation sets) and marks the snapshot due. */
    void update(StoredConsent consent) {
        ConsentView view = consent.view();
        jdbc.update("""
                UPDATE consent SET status = ?, customer = ?, accounts = ?, status_updated_at = ?, version = ?,
                    snapshot_pending = true
                WHERE id = ?
                """, view.status().wireName(), view.customer(), view.accounts().toArray(String[]::new),
                Timestamp.from(consent.statusUpdatedAt()), consent.version(), UUID.fromString(view.id()));
    }

    void insertEvent(String consentId, @Nullable ConsentStatus from, ConsentStatus to, String actor, String reason,
            Instant at) {
        jdbc.update("INSERT INTO consent_event (consent_id, from_status, to_status, actor, reason, at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", UUID.fromString(consentId), from == null ? null : from.wireName(),
                to.wireName(), actor, reason, Timestamp.from(at));
    }

    List<ConsentView> ofCustomer(String customer) {
        return jdbc.query(SELECT + " WHERE c.customer = ? ORDER BY c.created_at DESC, c.id", ROW, customer).stream()
                .map(StoredConsent::view).toList();
    }

    /** Ids of live consents past their expiry, or still awaiting the customer since before {@code awaitingSince}. */
    List<String> dueForExpiry(Instant now, Instant awaitingSince, int limit) {
        return jdbc.queryForList("""
                SELECT id::text FROM consent
                WHERE (status IN (?, ?) AND expires_at <= ?) OR (status = ? AND created_at <= ?)
                ORDER BY created_at LIMIT ?
                """, String.class, LIVE.get(0), LIVE.get(1), Timestamp.from(now), LIVE.get(0),
                Timestamp.from(awaitingSince), limit);
    }

    /** Marks every live consent's snapshot due again (Redis may have lost them while this server was down). */
    int markLiveSnapshotsPending() {
        return jdbc.update("UPDATE consent SET snapshot_pending = true WHERE status IN (?, ?) AND NOT snapshot_pending",
                LIVE.get(0), LIVE.get(1));
    }

    List<StoredConsent> snapshotsPending(int limit) {
        return jdbc.query(SELECT + " WHERE c.snapshot_pending ORDER BY c.status_updated_at LIMIT ?", ROW, limit);
    }

    /** Clears the mark only if the consent has not changed again since the snapshot that was written. */
    void snapshotWritten(StoredConsent written) {
        jdbc.update("UPDATE consent SET snapshot_pending = false WHERE id = ? AND version = ?",
                UUID.fromString(written.id()), written.version());
    }

    private static Optional<UUID> uuid(String consentId) {
        try {
            return Optional.of(UUID.fromString(consentId));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static final RowMapper<StoredConsent> ROW = (rs, row) -> {
        BigDecimal amount = rs.getBigDecimal("payment_amount");
        PaymentTerms payment = amount == null ? null : new PaymentTerms(amount, rs.getString("payment_currency"),
                rs.getString("creditor_account"), rs.getString("creditor_name"), rs.getString("payment_reference"));
        String partner = rs.getString("partner_id");
        String partnerName = rs.getString("client_name");
        int frequency = rs.getInt("frequency_per_day");
        Integer frequencyPerDay = rs.wasNull() ? null : frequency;
        ConsentView view = new ConsentView(rs.getString("id"), type(rs.getString("type")),
                status(rs.getString("status")), rs.getString("bank_id"), partner,
                partnerName == null ? partner : partnerName, rs.getString("customer"), strings(rs, "permissions"),
                strings(rs, "accounts"), instant(rs, "created_at"), instantOrNull(rs, "expires_at"), frequencyPerDay,
                payment);
        return new StoredConsent(view, instant(rs, "status_updated_at"), rs.getLong("version"));
    };

    static ConsentType type(String wireName) {
        return Arrays.stream(ConsentType.values()).filter(type -> type.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown consent type " + wireName));
    }

    static ConsentStatus status(String wireName) {
        return Arrays.stream(ConsentStatus.values()).filter(status -> status.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown consent status " + wireName));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
