package dev.sceneway.auth.consent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The background work of consents, on one thread of its own: once ready, the snapshots of every live consent are
 * rewritten (Redis may have lost them); every {@code expiry-interval}, consents past their expiry (or still
 * awaiting the customer after the authorisation window) become Expired; every {@link #SNAPSHOT_RETRY} snapshots that
 * could not be written are retried. Replicas may all run it: each expiry takes the consent's row lock and checks
 * again that it is due, so a consent expires once.
 */
@Component
class ConsentJobs implements DisposableBean {

    /** How soon a snapshot that failed to reach Redis is tried again; a stale Authorised must not linger. */
    static final Duration SNAPSHOT_RETRY = Duration.ofSeconds(5);
    private static final int EXPIRY_BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ConsentJobs.class);

    private final ConsentLifecycle lifecycle;
    private final ConsentSnapshots snapshots;
    private final ConsentProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("consent-jobs").daemon().factory());

    ConsentJobs(ConsentLifecycle lifecycle, ConsentSnapshots snapshots, ConsentProperties properties) {
        this.lifecycle = lifecycle;
        this.snapshots = snapshots;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.execute(() -> guarded("snapshot rewrite", snapshots::rewriteLive));
        long expiry = properties.expiryInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded("expiry", this::expireDue), expiry, expiry,
                TimeUnit.MILLISECONDS);
        long retry = SNAPSHOT_RETRY.toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded("snapshot retry", snapshots::writePending), retry, retry,
                TimeUnit.MILLISECONDS);
    }

    /** Expires every consent that is due now; returns how many this call expired. */
    int expireDue() {
        int expired = 0;
        int batch;
        List<String> due;
        do {
            due = lifecycle.dueForExpiry(EXPIRY_BATCH);
            batch = 0;
            for (String id : due) {
                // Each in a transaction of its own; false when another replica or the customer got there first.
                if (lifecycle.expireIfDue(id)) {
                    batch++;
                }
            }
            expired += batch;
        } while (due.size() == EXPIRY_BATCH && batch > 0);
        return expired;
    }

    private void guarded(String job, IntSupplier work) {
        try {
            int done = work.getAsInt();
            if (done > 0) {
                log.info("Consent {}: {} consent(s)", job, done);
            }
        } catch (RuntimeException e) {
            log.warn("Consent {} failed; will retry: {}", job, e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
