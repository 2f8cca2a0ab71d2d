package dev.sceneway.auth.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The delivery worker: every {@code poll-interval} it claims the due deliveries (see {@link WebhookStore} for why
 * several replicas never claim the same row), sends them in parallel on virtual threads, and records each attempt:
 * a 2xx is delivered; anything else is retried after {@link Backoff}'s delay until {@code max-attempts}, then the
 * delivery is failed. A full batch is followed by another poll at once, so a backlog drains without waiting.
 *
 * <p>Delivery is at least once: a replica that stops between the partner's answer and the record leaves the row to
 * be sent again once its claim runs out. Receivers deduplicate on the event id.
 */
final class WebhookWorker implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final WebhookStore store;
    private final WebhookSigner signer;
    private final WebhookSender sender;
    private final Backoff backoff;
    private final WebhookProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-worker").daemon().factory());
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private @Nullable Instant lastPurge; // only the scheduler thread reads and writes it

    WebhookWorker(WebhookStore store, WebhookSigner signer, WebhookSender sender, Backoff backoff,
            WebhookProperties properties, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.sender = sender;
        this.backoff = backoff;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.enabled()) {
            log.info("Webhook delivery is off on this replica (sceneway.auth.webhooks.enabled=false)");
            return;
        }
        long period = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            purgeWhenDue();
            while (!scheduler.isShutdown() && runOnce().size() == properties.batchSize()) {
                log.debug("A full batch of webhooks: polling again at once");
            }
        } catch (RuntimeException e) {
            log.warn("Webhook poll failed; will retry in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    /** About once an hour, drops the finished deliveries older than the retention; any replica may do it. */
    private void purgeWhenDue() {
        Instant now = clock.instant();
        if (lastPurge != null && lastPurge.plus(PURGE_INTERVAL).isAfter(now)) {
            return;
        }
        lastPurge = now;
        int purged = store.purgeFinishedBefore(now.minus(properties.retention()));
        if (purged > 0) {
            log.info("Deleted {} finished webhook deliveries older than {}", purged, properties.retention());
        }
    }

    /** One poll: claims the due deliveries, attempts each, records the results. Returns the ids it claimed. */
    List<UUID> runOnce() {
        List<WebhookStore.Claimed> claimed = store.claimDue(clock.instant(), properties.batchSize(),
                properties.claimDuration());
        List<Future<?>> running = new ArrayList<>();
        for (WebhookStore.Claimed delivery : claimed) {
            running.add(deliveries.submit(() -> attempt(delivery)));
        }
        for (Future<?> attempt : running) {
            try {
                attempt.get();
            } catch (ExecutionException e) {
                log.warn("A webhook attempt failed to complete; it is retried when its claim runs out: {}",
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed.stream().map(WebhookStore.Claimed::id).toList();
    }

    private void attempt(WebhookStore.Claimed delivery) {
        Instant at = clock.instant();
        if (delivery.url() == null) {
            // The partner removed its webhook URL since the event: nowhere to send it, and retrying will not help.
            record(delivery, new WebhookStore.Attempt(delivery.attempt(), at, "(none)", null,
                    "the partner app has no webhook URL", 0, null), WebhookStore.Status.FAILED);
            return;
        }
        String signature = signer.sign(delivery.payload(), at);
        WebhookSender.Result result = sender.send(delivery.url(), delivery.id().toString(), delivery.attempt(),
                delivery.payload(), signature);
        WebhookStore.Status status = result.delivered() ? WebhookStore.Status.DELIVERED
                : delivery.attempt() >= properties.maxAttempts() ? WebhookStore.Status.FAILED
                : WebhookStore.Status.PENDING;
        Instant retryAt = status == WebhookStore.Status.PENDING
                ? clock.instant().plus(backoff.after(delivery.attempt())) : null;
        if (status == WebhookStore.Status.FAILED) {
            log.warn("Webhook {} to {} failed after {} attempts; last: {}", delivery.id(), delivery.clientId(),
                    delivery.attempt(), result.statusCode() != null ? result.statusCode() : result.error());
        }
        record(delivery, new WebhookStore.Attempt(delivery.attempt(), at, delivery.url(), result.statusCode(),
                result.error(), result.durationMillis(), retryAt), status);
    }

    private void record(WebhookStore.Claimed delivery, WebhookStore.Attempt attempt, WebhookStore.Status status) {
        if (!store.record(delivery, attempt, status)) {
            log.info("Webhook {} attempt {} not recorded: its claim ran out and another worker holds it",
                    delivery.id(), attempt.attempt());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        deliveries.shutdownNow();
    }
}
