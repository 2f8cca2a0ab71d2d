package dev.sceneway.auth.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The outbox table as several replicas' workers use it, on a database of its own (no worker of a Spring context
 * competes): claims never overlap, a held claim is skipped rather than waited for, and a claim that ran out cannot
 * record over the worker that took the row next.
 */
class WebhookStoreIT {

    private static final MigratedDatabase DATABASE = MigratedDatabase.create("auth_webhook_store");
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final WebhookStore store = new WebhookStore(DATABASE.jdbc(), DATABASE.transactions());
    private final String clientId = "partner-" + UUID.randomUUID();

    @BeforeEach
    void partnerWithWebhookUrl() {
        new JdbcRegisteredClientRepository(DATABASE.jdbc()).save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId).clientSecret("{noop}" + UUID.randomUUID())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("products").build());
        DATABASE.jdbc().update("INSERT INTO partner_client (client_id, webhook_url) VALUES (?, ?)", clientId,
                "https://hooks.partner.example/" + clientId);
        // Other tests' rows (other partners) are finished, so they are never due here.
        DATABASE.jdbc().update("UPDATE webhook_delivery SET status = 'DELIVERED' WHERE status = 'PENDING'");
    }

    @Test
    void claimDueWhenAnotherWorkerHoldsRowsInAnOpenTransactionThenSkipsThemWithoutWaiting() throws Exception {
        List<UUID> queued = enqueue(4);
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);

        List<WebhookStore.Claimed> first;
        List<WebhookStore.Claimed> second;
        long secondMillis;
        try (ExecutorService replica = Executors.newSingleThreadExecutor()) {
            Future<List<WebhookStore.Claimed>> holding = replica.submit(() -> DATABASE.transactions().execute(tx -> {
                List<WebhookStore.Claimed> claimed = store.claimDue(Instant.now(), 2, CLAIM);
                firstClaimed.countDown();
                await(secondDone);
                return claimed; // committed only now: until then the rows are locked and look due
            }));
            assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            second = store.claimDue(Instant.now(), 10, CLAIM);
            secondMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            secondDone.countDown();
            first = holding.get(10, TimeUnit.SECONDS);
        }

        assertThat(first).hasSize(2);
        assertThat(second).extracting(WebhookStore.Claimed::id)
                .doesNotContainAnyElementsOf(first.stream().map(WebhookStore.Claimed::id).toList())
                .hasSize(2);
        assertThat(ids(first, second)).containsExactlyInAnyOrderElementsOf(queued);
        assertThat(secondMillis).as("skipped the locked rows instead of waiting for the other transaction")
                .isLessThan(5_000);
    }

    @Test
    void claimDueWhenTwoWorkersDrainTheOutboxTogetherThenEveryRowIsClaimedExactlyOnce() throws Exception {
        List<UUID> queued = enqueue(60);
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<UUID>> worker = () -> {
            await(start);
            List<UUID> mine = new ArrayList<>();
            List<WebhookStore.Claimed> batch;
            while (!(batch = store.claimDue(Instant.now(), 3, CLAIM)).isEmpty()) {
                batch.forEach(claimed -> mine.add(claimed.id()));
            }
            return mine;
        };

        List<UUID> a;
        List<UUID> b;
        try (ExecutorService workers = Executors.newFixedThreadPool(2)) {
            Future<List<UUID>> first = workers.submit(worker);
            Future<List<UUID>> second = workers.submit(worker);
            start.countDown();
            a = first.get(30, TimeUnit.SECONDS);
            b = second.get(30, TimeUnit.SECONDS);
        }

        assertThat(Collections.disjoint(a, b)).as("no row claimed by both workers").isTrue();
        List<UUID> all = new ArrayList<>(a);
        all.addAll(b);
        assertThat(all).containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    void claimDueWhenTheRowIsClaimedThenNotDueAgainUntilTheClaimRunsOut() {
        UUID id = enqueue(1).getFirst();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // PostgreSQL keeps microseconds

        assertThat(store.claimDue(now, 10, CLAIM)).extracting(WebhookStore.Claimed::id).containsExactly(id);

        assertThat(store.claimDue(now.plus(CLAIM).minusSeconds(1), 10, CLAIM)).isEmpty();
        assertThat(store.claimDue(now.plus(CLAIM), 10, CLAIM)).extracting(WebhookStore.Claimed::attempt)
                .as("a worker that died mid-attempt recorded nothing: the same attempt again").containsExactly(1);
    }

    @Test
    void recordWhenTheClaimRanOutAndAnotherWorkerTookTheRowThenTheStaleResultIsDropped() {
        UUID id = enqueue(1).getFirst();
        Instant now = Instant.now();
        WebhookStore.Claimed stale = store.claimDue(now, 1, Duration.ZERO).getFirst();
        WebhookStore.Claimed current = store.claimDue(now.plusMillis(1), 1, CLAIM).getFirst();

        boolean staleRecorded = store.record(stale, attempt(1, 500, now.plusSeconds(1)), WebhookStore.Status.PENDING);
        boolean currentRecorded = store.record(current, attempt(1, 200, null), WebhookStore.Status.DELIVERED);

        assertThat(staleRecorded).isFalse();
        assertThat(currentRecorded).isTrue();
        List<WebhookStore.Delivery> log = store.page(clientId, null, 10);
        assertThat(log).singleElement().satisfies(delivery -> {
            assertThat(delivery.id()).isEqualTo(id);
            assertThat(delivery.status()).isEqualTo(WebhookStore.Status.DELIVERED);
            assertThat(delivery.attemptLog()).extracting(WebhookStore.Attempt::statusCode).containsExactly(200);
        });
    }

    @Test
    void pageWhenMoreDeliveriesThanTheLimitThenNewestFirstAndTheCursorContinuesWithoutOverlap() {
        List<UUID> queued = enqueue(5);

        List<WebhookStore.Delivery> first = store.page(clientId, null, 3);
        WebhookStore.Delivery last = first.getLast();
        List<WebhookStore.Delivery> rest = store.page(clientId, new PageCursor(last.createdAt(), last.id()), 3);

        assertThat(first).extracting(WebhookStore.Delivery::id).containsExactly(
                queued.get(4), queued.get(3), queued.get(2));
        assertThat(rest).extracting(WebhookStore.Delivery::id).containsExactly(queued.get(1), queued.get(0));
    }

    @Test
    void purgeFinishedBeforeWhenDeliveriesFinishedLongAgoThenOnlyThoseGoWithTheirAttempts() {
        List<UUID> ids = enqueue(3);
        Instant now = Instant.now();
        List<WebhookStore.Claimed> claimed = store.claimDue(now, 3, CLAIM);
        WebhookStore.Claimed old = claimed.stream().filter(c -> c.id().equals(ids.get(0))).findFirst().orElseThrow();
        WebhookStore.Claimed recent = claimed.stream().filter(c -> c.id().equals(ids.get(1))).findFirst()
                .orElseThrow();
        WebhookStore.Claimed pending = claimed.stream().filter(c -> c.id().equals(ids.get(2))).findFirst()
                .orElseThrow();
        store.record(old, new WebhookStore.Attempt(1, now.minus(Duration.ofDays(31)), "https://x.example", 200,
                null, 5, null), WebhookStore.Status.DELIVERED);
        store.record(recent, attempt(1, 200, null), WebhookStore.Status.DELIVERED);
        store.record(pending, new WebhookStore.Attempt(1, now.minus(Duration.ofDays(31)), "https://x.example", 500,
                null, 5, now.plusSeconds(1)), WebhookStore.Status.PENDING);

        int purged = store.purgeFinishedBefore(now.minus(Duration.ofDays(30)));

        assertThat(purged).isEqualTo(1);
        assertThat(store.page(clientId, null, 10)).extracting(WebhookStore.Delivery::id)
                .containsExactlyInAnyOrder(ids.get(1), ids.get(2));
        assertThat(DATABASE.jdbc().queryForObject("SELECT count(*) FROM webhook_attempt WHERE delivery_id = ?",
                Integer.class, ids.get(0))).as("its attempts went with it").isZero();
    }

    /** {@code count} deliveries created a millisecond apart, oldest first. */
    private List<UUID> enqueue(int count) {
        Instant base = Instant.now().minusSeconds(60);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            store.enqueue(id, clientId, WebhookEventType.CONSENT_REVOKED, "consent-" + i, "{\"id\":\"" + id + "\"}",
                    base.plusMillis(i));
            ids.add(id);
        }
        return ids;
    }

    private static WebhookStore.Attempt attempt(int number, int status, Instant retryAt) {
        return new WebhookStore.Attempt(number, Instant.now(), "https://hooks.partner.example/x", status, null, 12,
                retryAt);
    }

    private static List<UUID> ids(List<WebhookStore.Claimed> a, List<WebhookStore.Claimed> b) {
        List<UUID> ids = new ArrayList<>();
        a.forEach(claimed -> ids.add(claimed.id()));
        b.forEach(claimed -> ids.add(claimed.id()));
        return ids;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the other worker did not get there within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
