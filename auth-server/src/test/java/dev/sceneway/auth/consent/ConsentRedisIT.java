package dev.sceneway.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * What the gateways and product-apis see of consents, on a real Redis: the snapshot key and the change notice after
 * every transition (observed by a subscriber of the channel, as a gateway would), the startup rewrite, and payment
 * consumption reported on the stream.
 */
class ConsentRedisIT extends AuthServerTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Autowired
    private ConsentLifecycle lifecycle;

    @Autowired
    private ConsentSnapshots snapshots;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private RedisConnectionFactory connections;

    /** Each notice as a gateway sees it: the consent id, and the snapshot read the moment the notice arrived. */
    private final BlockingQueue<Notice> notices = new LinkedBlockingQueue<>();
    private RedisMessageListenerContainer subscriber;

    record Notice(String consentId, String snapshot) {
    }

    @BeforeEach
    void subscribe() {
        subscriber = new RedisMessageListenerContainer();
        subscriber.setConnectionFactory(connections);
        subscriber.addMessageListener((message, pattern) -> {
            String id = new String(message.getBody());
            notices.add(new Notice(id, String.valueOf(redis.opsForValue().get(ConsentSnapshots.KEY_PREFIX + id))));
        }, new ChannelTopic(ConsentSnapshots.CHANNEL));
        subscriber.afterPropertiesSet();
        subscriber.start();
    }

    @AfterEach
    void unsubscribe() throws Exception {
        subscriber.stop();
        subscriber.destroy();
    }

    @Test
    void transitionWhenCommittedThenSnapshotIsTheContractJsonWithoutTtlAndTheNoticeFollowsTheWrite() {
        StoredConsent consent = lifecycle.create(ConsentLifecycleIT.PARTNER, "lakeside",
                ConsentLifecycleIT.accountAccess());
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));

        Notice authorised = awaitNotice(consent.id(), "Authorised");
        JsonNode snapshot = JSON.readTree(redis.opsForValue().get(key(consent)));

        assertThat(JSON.readTree(authorised.snapshot())).isEqualTo(snapshot);
        assertThat(snapshot.propertyNames()).containsExactly("id", "type", "status", "bank", "partner", "customer",
                "permissions", "accounts", "expiresAt", "frequencyPerDay", "updatedAt");
        assertThat(snapshot.get("id").asString()).isEqualTo(consent.id());
        assertThat(snapshot.get("type").asString()).isEqualTo("account-access");
        assertThat(snapshot.get("bank").asString()).isEqualTo("lakeside");
        assertThat(snapshot.get("partner").asString()).isEqualTo("renovation-demo");
        assertThat(snapshot.get("customer").asString()).isEqualTo("alice");
        assertThat(snapshot.get("permissions").toString()).isEqualTo("[\"accounts\",\"balances\"]");
        assertThat(snapshot.get("accounts").toString()).isEqualTo("[\"LS-ALICE-CUR\"]");
        assertThat(Instant.parse(snapshot.get("expiresAt").asString())).isEqualTo(consent.view().expiresAt());
        assertThat(snapshot.get("frequencyPerDay").asInt()).isEqualTo(4);
        assertThat(Instant.parse(snapshot.get("updatedAt").asString())).isAfterOrEqualTo(consent.statusUpdatedAt());
        assertThat(redis.getExpire(key(consent))).as("no TTL while live").isEqualTo(-1);
    }

    @Test
    void consentWhenCreatedThenItsAwaitingSnapshotIsWrittenWithANullCustomer() {
        StoredConsent consent = lifecycle.create("checkout-demo", "harbour", ConsentLifecycleIT.payment());

        JsonNode snapshot = JSON.readTree(awaitNotice(consent.id(), "AwaitingAuthorisation").snapshot());

        assertThat(snapshot.get("customer").isNull()).isTrue();
        assertThat(snapshot.get("expiresAt").isNull()).isTrue();
        assertThat(snapshot.get("permissions").isEmpty()).isTrue();
    }

    @Test
    void revocationThenTheNoticeCarriesRevokedAndTheFinalSnapshotIsKept30Days() {
        StoredConsent consent = lifecycle.create(ConsentLifecycleIT.PARTNER, "lakeside",
                ConsentLifecycleIT.accountAccess());
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));
        lifecycle.revokeByPartner(ConsentLifecycleIT.PARTNER, "lakeside", consent.id());

        awaitNotice(consent.id(), "Revoked");

        assertThat(redis.getExpire(key(consent), TimeUnit.DAYS)).isBetween(29L, 30L);
        assertThat(pending(consent)).as("snapshot_pending cleared once written").isFalse();
    }

    @Test
    void startupRewriteWhenRedisLostTheSnapshotsThenLiveConsentsAreWrittenAgain() {
        StoredConsent consent = lifecycle.create(ConsentLifecycleIT.PARTNER, "lakeside",
                ConsentLifecycleIT.accountAccess());
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));
        awaitNotice(consent.id(), "Authorised");
        redis.delete(key(consent));

        snapshots.rewriteLive();

        assertThat(JSON.readTree(redis.opsForValue().get(key(consent))).get("status").asString())
                .isEqualTo("Authorised");
    }

    @Test
    void snapshotOfAnOlderVersionThenNeverOverwritesANewerOne() {
        StoredConsent consent = lifecycle.create(ConsentLifecycleIT.PARTNER, "lakeside",
                ConsentLifecycleIT.accountAccess());
        awaitNotice(consent.id(), "AwaitingAuthorisation");
        // As if a later transition's snapshot (version 5) had already been written by another replica.
        redis.opsForValue().set(ConsentSnapshots.VERSION_KEY_PREFIX + consent.id(), "5");
        redis.opsForValue().set(key(consent), "{\"status\":\"Revoked\"}");
        jdbc.update("UPDATE consent SET snapshot_pending = true WHERE id = ?::uuid", consent.id());

        snapshots.writePending();

        assertThat(redis.opsForValue().get(key(consent))).isEqualTo("{\"status\":\"Revoked\"}");
    }

    @Test
    void streamWhenPaymentReportedConsumedThenConsentConsumedOnceAndRecordsAcknowledged() {
        StoredConsent consent = lifecycle.create("checkout-demo", "lakeside", ConsentLifecycleIT.payment());
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));
        String unknown = UUID.randomUUID().toString();

        report(unknown, "pay-0");
        report(consent.id(), "pay-1");
        report(consent.id(), "pay-1");

        awaitNotice(consent.id(), "Consumed");
        await(() -> redis.opsForStream().pending(ConsentEventsConsumer.STREAM, ConsentEventsConsumer.GROUP)
                .getTotalPendingMessages() == 0, "every record acknowledged");
        assertThat(lifecycle.find(consent.id()).orElseThrow().status()).isEqualTo(ConsentStatus.CONSUMED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_event WHERE consent_id = ?::uuid "
                + "AND to_status = 'Consumed'", Integer.class, consent.id())).isEqualTo(1);
    }

    private void report(String consentId, String paymentId) {
        redis.opsForStream().add(MapRecord.create(ConsentEventsConsumer.STREAM, Map.of("consentId", consentId,
                "event", "consumed", "bank", "lakeside", "paymentId", paymentId)));
    }

    private boolean pending(StoredConsent consent) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT snapshot_pending FROM consent WHERE id = ?::uuid",
                Boolean.class, consent.id()));
    }

    /** The first notice for this consent whose snapshot, read on arrival, has this status; notices of others skip. */
    private Notice awaitNotice(String consentId, String status) {
        Instant deadline = Instant.now().plus(DEADLINE);
        List<Notice> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            Notice notice;
            try {
                notice = notices.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (notice == null || !notice.consentId().equals(consentId)) {
                continue;
            }
            seen.add(notice);
            // The key is written before the notice: a gateway re-reading on a notice never finds it missing.
            assertThat(notice.snapshot()).isNotEqualTo("null");
            if (Objects.equals(JSON.readTree(notice.snapshot()).get("status").asString(), status)) {
                return notice;
            }
        }
        throw new AssertionError("no notice with status " + status + " for " + consentId + " within " + DEADLINE
                + "; seen " + seen);
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static String key(StoredConsent consent) {
        return ConsentSnapshots.KEY_PREFIX + consent.id();
    }
}
