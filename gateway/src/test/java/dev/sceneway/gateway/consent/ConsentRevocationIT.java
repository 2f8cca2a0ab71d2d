package dev.sceneway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.SecondReplica;
import dev.sceneway.gateway.support.TestConsents;
import dev.sceneway.gateway.support.TestConsents.Consent;
import dev.sceneway.gateway.tenancy.TenancyRefresher;
import dev.sceneway.infra.SharedTestInfrastructure;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Revocation across replicas, the headline: two gateway replicas on one Redis both hold a consent in their
 * caches; the auth-server's rewrite of the snapshot (Revoked) and its notice must make both refuse within 1 s, and so
 * must a revocation published while their pub/sub connections are down.
 */
class ConsentRevocationIT extends GatewayTestContext {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static SecondReplica replicaB;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    ApplicationContext replicaA;

    private final String partner = GatewayTokens.uniquePartner("revocation");
    private final String account = "/v1/banks/lakeside/accounts/LS-ALICE-CUR";

    @BeforeAll
    static void startSecondReplica() {
        replicaB = SecondReplica.start();
    }

    @AfterAll
    static void stopSecondReplica() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    @BeforeEach
    void partnerApprovedAndBothCachesLive() {
        approve(partner);
        replicaB.context().getBean(TenancyRefresher.class).refresh();
        awaitLive();
    }

    @Test
    void revocationWhenPublishedThenBothReplicasRefuseWithinOneSecond() {
        Consent consent = cachedOnBothReplicas();
        double noticesA = count(replicaA, "notice");
        double noticesB = count(replicaB.context(), "notice");

        Map<String, Long> seen = revokeAndMeasure(consent);

        System.out.printf("revocation seen by replica A in %d ms, B in %d ms%n", seen.get("A"), seen.get("B"));
        assertThat(seen.values()).allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(DEADLINE.toMillis()));
        assertThat(count(replicaA, "notice")).as("replica A dropped its copy on the notice").isGreaterThan(noticesA);
        assertThat(count(replicaB.context(), "notice")).as("replica B dropped its copy on the notice")
                .isGreaterThan(noticesB);
    }

    @Test
    void revocationWhenPubSubConnectionsWereKilledThenStillSeenWithinOneSecondAndNoticesResume() {
        Consent consent = cachedOnBothReplicas();
        double lostA = count(replicaA, "connection-lost");
        double lostB = count(replicaB.context(), "connection-lost");

        long killed = killPubSubClients();
        // Published at once: the killed connections cannot receive this notice.
        Map<String, Long> seen = revokeAndMeasure(consent);

        System.out.printf("with %d pub/sub connection(s) killed, revocation seen by replica A in %d ms, B in %d ms%n",
                killed, seen.get("A"), seen.get("B"));
        assertThat(killed).isGreaterThanOrEqualTo(2);
        assertThat(seen.values()).allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(DEADLINE.toMillis()));
        assertThat(count(replicaA, "connection-lost")).isGreaterThan(lostA);
        assertThat(count(replicaB.context(), "connection-lost")).isGreaterThan(lostB);

        // Resubscribed: the caches are used again, and a later revocation arrives as a notice.
        awaitLive();
        Consent later = cachedOnBothReplicas();
        Map<String, Long> seenLater = revokeAndMeasure(later);
        System.out.printf("after resubscribing, revocation seen by replica A in %d ms, B in %d ms%n",
                seenLater.get("A"), seenLater.get("B"));
        assertThat(seenLater.values()).allSatisfy(millis -> assertThat(millis)
                .isLessThanOrEqualTo(DEADLINE.toMillis()));
    }

    /** Used with success twice on each replica: the second use of each is a cache hit. */
    private Consent cachedOnBothReplicas() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").saveTo(redis);
        String token = consent.token();
        for (Map.Entry<String, WebTestClient> replica : replicas().entrySet()) {
            ApplicationContext context = replica.getKey().equals("A") ? replicaA : replicaB.context();
            double hits = hits(context);
            for (int call = 0; call < 2; call++) {
                assertThat(call(replica.getValue(), token).getStatus().value()).as("replica " + replica.getKey())
                        .isEqualTo(200);
            }
            assertThat(hits(context)).as("replica " + replica.getKey() + " serves the consent from its cache")
                    .isGreaterThan(hits);
        }
        return consent;
    }

    /**
     * Rewrites the snapshot as Revoked and publishes the notice, as the auth-server does, then calls each replica
     * until it refuses with consent-revoked (no sleeps; bounded by the deadline). Returns the milliseconds from the
     * rewrite until each replica's first refusal.
     */
    private Map<String, Long> revokeAndMeasure(Consent consent) {
        String token = consent.token();
        Map<String, Long> seen = new LinkedHashMap<>();
        long started = System.nanoTime();
        consent.withStatus("Revoked").publishTo(redis);
        long deadline = started + DEADLINE.toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            for (Map.Entry<String, WebTestClient> replica : replicas().entrySet()) {
                if (seen.containsKey(replica.getKey())) {
                    continue;
                }
                EntityExchangeResult<byte[]> result = call(replica.getValue(), token);
                String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
                if (result.getStatus().value() == 403 && body.contains("/consent-revoked\"")) {
                    seen.put(replica.getKey(), Duration.ofNanos(System.nanoTime() - started).toMillis());
                } else {
                    assertThat(result.getStatus().value()).as("replica " + replica.getKey() + ": " + body)
                            .isEqualTo(200);
                }
            }
        }
        assertThat(seen).as("replicas that refused within " + DEADLINE).containsOnlyKeys("A", "B");
        return seen;
    }

    private Map<String, WebTestClient> replicas() {
        Map<String, WebTestClient> replicas = new LinkedHashMap<>();
        replicas.put("A", client);
        replicas.put("B", replicaB.client());
        return replicas;
    }

    private EntityExchangeResult<byte[]> call(WebTestClient replica, String token) {
        return replica.get().uri(account + "/" + UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange().expectBody().returnResult();
    }

    private void awaitLive() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() ->
                replicaA.getBean(ConsentCache.class).live() && replicaB.context().getBean(ConsentCache.class).live());
    }

    /** {@code CLIENT KILL TYPE pubsub} on the shared Redis: every replica's notice connection drops. */
    private static long killPubSubClients() {
        RedisClient admin = RedisClient.create(RedisURI.create(SharedTestInfrastructure.redis().host(),
                SharedTestInfrastructure.redis().port()));
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            return connection.sync().clientKill(KillArgs.Builder.typePubsub());
        } finally {
            admin.shutdown();
        }
    }

    private static double hits(ApplicationContext context) {
        return context.getBean(MeterRegistry.class).find(ConsentMetrics.CACHE).tag("result", "hit").counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    private static double count(ApplicationContext context, String cause) {
        return context.getBean(MeterRegistry.class).find(ConsentMetrics.INVALIDATIONS).tag("cause", cause)
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
