package dev.sceneway.gateway.metering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the {@link CallBuffer} into PostgreSQL from one background thread, in batches, every flush interval.
 * <p>
 * Shutdown loses nothing: this lifecycle's phase is below the web server's, so Spring stops it only after the
 * server has finished its in-flight requests and stopped accepting new ones (Boot's graceful shutdown); then the
 * writer stores everything still buffered before the context goes on to close the DataSource. A batch the database
 * refused is kept and retried first on the next flush (meanwhile the buffer fills, and beyond its capacity calls are
 * dropped and counted: see {@link CallBuffer}).
 */
final class MeteringWriter implements SmartLifecycle {

    /**
     * Boot's web server stops in phase {@code Integer.MAX_VALUE - 2048} (graceful shutdown just before it); a lower
     * phase starts earlier and stops later.
     */
    static final int PHASE = Integer.MAX_VALUE - 4096;
    static final String WRITTEN_METRIC = "sceneway.gateway.metering.written";
    static final String FAILURES_METRIC = "sceneway.gateway.metering.write.failures";
    static final String LOST_METRIC = "sceneway.gateway.metering.lost";

    private static final Logger log = LoggerFactory.getLogger(MeteringWriter.class);

    private final CallBuffer buffer;
    private final CallBatchStore store;
    private final MeteringProperties properties;
    private final Counter written;
    private final Counter failures;
    private final Counter lost;
    /** A batch the database refused, retried before anything else. Guarded by {@code this}. */
    private final List<CallRecord> pending = new ArrayList<>();
    private @Nullable ScheduledExecutorService executor;

    MeteringWriter(CallBuffer buffer, CallBatchStore store, MeteringProperties properties, MeterRegistry meters) {
        this.buffer = buffer;
        this.store = store;
        this.properties = properties;
        this.written = Counter.builder(WRITTEN_METRIC).description("Calls stored by the metering writer")
                .register(meters);
        this.failures = Counter.builder(FAILURES_METRIC)
                .description("Metering batches the database refused (retried on the next flush)").register(meters);
        this.lost = Counter.builder(LOST_METRIC)
                .description("Buffered calls not stored because the database failed at shutdown").register(meters);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "metering-writer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.flushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flushQuietly, interval, Math.max(1, interval), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The metering writer's last scheduled flush did not finish within 30 s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        int buffered = buffer.size();
        try {
            flush();
            log.info("Metering writer stopped; stored the {} call(s) still buffered", buffered);
        } catch (RuntimeException ex) {
            int unsaved = pendingSize() + buffer.size();
            lost.increment(unsaved);
            log.error("Metering writer stopped without storing {} call(s): the database refused them: {}", unsaved,
                    ex.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException ex) {
            failures.increment();
            log.warn("Metering batch of {} call(s) not stored, retrying on the next flush: {}", pendingSize(),
                    ex.toString());
        }
    }

    /** Stores everything buffered, batch by batch; a failed batch stays pending and the error is rethrown. */
    synchronized void flush() {
        while (true) {
            if (pending.isEmpty() && buffer.drainTo(pending, properties.batchSize()) == 0) {
                return;
            }
            store.store(pending);
            written.increment(pending.size());
            pending.clear();
        }
    }

    private synchronized int pendingSize() {
        return pending.size();
    }
}
