package dev.sceneway.auth.consent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consent snapshots the gateways enforce (contract "Consent snapshot in Redis"): after a transition commits, the
 * JSON snapshot is written to {@code sceneway:consent:{id}} (no TTL while live, {@code final-snapshot-retention} once
 * final), then {@code PUBLISH sceneway:consent-changes <id>} tells every gateway to drop its copy. Never before the
 * commit: a gateway must not see a status that could still roll back.
 *
 * <p>A consent's {@code snapshot_pending} flag is set by every transition and cleared only once its snapshot and
 * notice went out, so a write that failed (Redis down, this replica killed after the commit) is retried by
 * {@link #writePending} rather than lost: a revocation always reaches the gateways eventually, and until then a
 * missing key fails closed there.
 */
@Component
class ConsentSnapshots {

    static final String KEY_PREFIX = "sceneway:consent:";
    static final String CHANNEL = "sceneway:consent-changes";
    static final String VERSION_KEY_PREFIX = "sceneway:consent-version:";
    private static final int BATCH = 200;
    /** KEYS: snapshot, version. ARGV: JSON, version, TTL in ms (0: none), channel, consent id. 1 if written. */
    private static final RedisScript<Long> WRITE = RedisScript.of("""
            local current = tonumber(redis.call('GET', KEYS[2]) or '0')
            if current > tonumber(ARGV[2]) then
              return 0
            end
            if ARGV[3] == '0' then
              redis.call('SET', KEYS[1], ARGV[1])
              redis.call('SET', KEYS[2], ARGV[2])
            else
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
              redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            end
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return 1
            """, Long.class);
    private static final Logger log = LoggerFactory.getLogger(ConsentSnapshots.class);

    private final StringRedisTemplate redis;
    private final ConsentRepository consents;
    private final JsonMapper json;
    private final Duration finalRetention;
    private final TransactionTemplate ownTransaction;

    ConsentSnapshots(StringRedisTemplate redis, ConsentRepository consents, JsonMapper json,
            ConsentProperties properties, PlatformTransactionManager transactions) {
        this.redis = redis;
        this.consents = consents;
        this.json = json;
        this.finalRetention = properties.finalSnapshotRetention();
        this.ownTransaction = new TransactionTemplate(transactions);
        // After the commit the transition's connection may still be bound: clearing the flag needs its own.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Writes the consent as committed now (a later transition may already have committed too). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void afterCommit(ConsentStatusChanged change) {
        String id = change.consent().id();
        try {
            consents.find(id).ifPresent(this::write);
        } catch (RuntimeException e) {
            log.warn("Snapshot of consent {} not written ({}); it stays pending and is retried", id, e.toString());
        }
    }

    /** Writes every snapshot still pending; returns how many were written. */
    int writePending() {
        int written = 0;
        List<StoredConsent> pending;
        do {
            pending = consents.snapshotsPending(BATCH);
            for (StoredConsent consent : pending) {
                write(consent);
                written++;
            }
        } while (pending.size() == BATCH);
        return written;
    }

    /** At startup Redis may have lost snapshots: every live consent's is written again. */
    int rewriteLive() {
        Integer marked = ownTransaction.execute(status -> consents.markLiveSnapshotsPending());
        log.info("Rewriting the Redis snapshots of live consents ({} newly marked)", marked);
        return writePending();
    }

    /**
     * One script, so the version check, the writes and the notice are atomic: two replicas writing snapshots of the
     * same consent out of order (the first one slow after its commit) cannot leave the older status in Redis. The
     * version sits in a key of its own beside the snapshot, whose JSON is the contract's.
     */
    private void write(StoredConsent consent) {
        String snapshot = json.writeValueAsString(snapshot(consent));
        long ttlMillis = consent.status().isFinal() ? finalRetention.toMillis() : 0;
        redis.execute(WRITE, List.of(KEY_PREFIX + consent.id(), VERSION_KEY_PREFIX + consent.id()), snapshot,
                Long.toString(consent.version()), Long.toString(ttlMillis), CHANNEL, consent.id());
        ownTransaction.executeWithoutResult(status -> consents.snapshotWritten(consent));
    }

    /** The contract's JSON, member by member; customer, expiresAt and frequencyPerDay may be null. */
    static Map<String, Object> snapshot(StoredConsent consent) {
        ConsentView view = consent.view();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", view.id());
        snapshot.put("type", view.type().wireName());
        snapshot.put("status", view.status().wireName());
        snapshot.put("bank", view.bankId());
        snapshot.put("partner", view.partnerId());
        snapshot.put("customer", view.customer());
        snapshot.put("permissions", view.permissions());
        snapshot.put("accounts", view.accounts());
        snapshot.put("expiresAt", view.expiresAt() == null ? null : view.expiresAt().toString());
        snapshot.put("frequencyPerDay", view.frequencyPerDay());
        snapshot.put("updatedAt", consent.statusUpdatedAt().toString());
        return snapshot;
    }
}
