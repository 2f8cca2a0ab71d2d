package dev.sceneway.gateway.tenancy;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's {@link TenancySnapshot} current: seeds the configured banks and plans at startup, then
 * reloads both tables every {@code refresh-interval} on its own thread and swaps the snapshot in one volatile
 * write. When the banks (routes) changed it publishes a {@link RefreshRoutesEvent}, so Spring Cloud Gateway
 * rebuilds its routes without a restart. Requests only read the snapshot: no JDBC on the request path.
 */
@Component
public class TenancyRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenancyRefresher.class);

    private final TenancyStore store;
    private final TenancyProperties properties;
    private final ApplicationEventPublisher events;
    private volatile TenancySnapshot snapshot;
    private @Nullable ScheduledExecutorService scheduler;

    TenancyRefresher(TenancyStore store, List<TenancySeed> seeds, TenancyProperties properties,
            ApplicationEventPublisher events) {
        this.store = store;
        this.properties = properties;
        this.events = events;
        seeds.forEach(seed -> seed.seed(store));
        this.snapshot = store.load();
        log.info("Tenancy: {} bank(s), {} active plan(s)", snapshot.banks().size(), snapshot.plans().size());
    }

    /** The current banks and plans; never blocks. */
    public TenancySnapshot snapshot() {
        return snapshot;
    }

    /**
     * Reloads now (the admin API calls this after a write, so the replica that took it applies it at once; tests
     * call it instead of waiting for the next tick). Blocking: never call it on an event-loop thread.
     */
    public synchronized TenancySnapshot refresh() {
        TenancySnapshot next = store.load();
        boolean routesChanged = !next.banks().equals(snapshot.banks());
        snapshot = next;
        if (routesChanged) {
            log.info("Tenancy: banks changed, now {}; refreshing routes", next.banks().keySet());
            events.publishEvent(new RefreshRoutesEvent(this));
        }
        return next;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException ex) {
            // Keep serving the last good snapshot; PostgreSQL being away must not stop traffic.
            log.warn("Tenancy refresh failed; keeping the last snapshot: {}", ex.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tenancy-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.refreshInterval().toMillis();
        started.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
