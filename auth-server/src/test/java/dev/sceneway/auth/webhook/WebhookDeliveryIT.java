package dev.sceneway.auth.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClientKeys;
import dev.sceneway.auth.TestConsents;
import dev.sceneway.auth.TestPartners;
import dev.sceneway.auth.client.PublicUrlGuard;
import dev.sceneway.auth.consent.ConsentLifecycle;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentStatusChanged;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.key.SigningKeyRing;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end in the whole server: consent changes published as the consent service publishes them (inside
 * a transaction), the server's own worker plus workers the test drives, and WireMock as the partner's endpoint.
 * Retries are not waited for: a test pulls the due time of a delivery forward once its attempt is recorded.
 */
class WebhookDeliveryIT extends AuthServerTestSupport {

    private static final WireMockServer PARTNER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private WebhookStore store;
    @Autowired
    private SigningKeyRing signingKeys;
    @Autowired
    private PublicUrlGuard urls;
    @Autowired
    private WebhookProperties properties;
    @Autowired
    private Clock clock;
    @Autowired
    private TestConsents consents;
    @Autowired
    private ConsentLifecycle lifecycle;
    @Autowired
    private StringRedisTemplate redis;

    private final List<WebhookWorker> workers = new ArrayList<>();

    /** A partner app registered through the admin API, and the WireMock path its webhook URL points at. */
    private record Partner(String clientId, String path) {
    }

    @BeforeAll
    static void startPartner() {
        PARTNER.start();
    }

    @AfterAll
    static void stopPartner() {
        PARTNER.stop();
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(WebhookWorker::destroy);
    }

    @Test
    void revokedWhenThePartnerHasAWebhookUrlThenDeliveredOnceWithASignatureThatVerifiesAgainstTheJwks()
            throws Exception {
        Partner partner = partnerWithWebhook();
        PARTNER.stubFor(post(urlPathEqualTo(partner.path())).willReturn(aResponse().withStatus(200)));
        String consentId = UUID.randomUUID().toString();

        commit(TestConsentChanges.revokedByCustomer(consentId, partner.clientId()));

        UUID deliveryId = deliveryOf(consentId);
        await().atMost(DEADLINE).until(() -> status(deliveryId).equals("DELIVERED"));
        List<LoggedRequest> received = PARTNER.findAll(postRequestedFor(urlPathEqualTo(partner.path())));
        assertThat(received).hasSize(1);
        LoggedRequest request = received.getFirst();
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.get("id").asString()).isEqualTo(deliveryId.toString())
                .isEqualTo(request.getHeader("x-sceneway-webhook-id"));
        assertThat(body.get("type").asString()).isEqualTo("consent.revoked");
        assertThat(body.get("reason").asString()).isEqualTo("revoked-by-customer");
        assertThat(body.get("consent").get("consentId").asString()).isEqualTo(consentId);
        assertThat(body.get("consent").get("status").asString()).isEqualTo("Revoked");

        String signature = request.getHeader("x-sceneway-signature");
        assertThat(signature).as("detached payload: header..signature").matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        JWSObject jws = JWSObject.parse(signature, new Payload(request.getBody()));
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(jws.getHeader().getType().getType()).isEqualTo("sceneway-webhook+jws");
        assertThat(((Number) jws.getHeader().getCustomParam("iat")).longValue())
                .isCloseTo(Instant.now().getEpochSecond(), within(30L));
        JWKSet published = JWKSet.parse(get("/oauth2/jwks").body());
        RSAKey key = (RSAKey) published.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("the kid is in the published JWK set").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jws.verify(new RSASSAVerifier(key))).isTrue();

        byte[] tampered = request.getBodyAsString().replace("Revoked", "Authorised").getBytes(StandardCharsets.UTF_8);
        assertThat(JWSObject.parse(signature, new Payload(tampered)).verify(new RSASSAVerifier(key)))
                .as("a changed body does not verify").isFalse();
    }

    @Test
    void partnerEventWhenABankServiceReportsItTwiceOnTheStreamThenDeliveredSignedOnceWithTheBodyAsReported() {
        Partner partner = partnerWithWebhook();
        PARTNER.stubFor(post(urlPathEqualTo(partner.path())).willReturn(aResponse().withStatus(200)));
        ConsentView consent = consents.credit(partner.clientId(), "lakeside");
        UUID eventId = UUID.randomUUID();
        String body = "{\"id\":\"" + eventId + "\",\"type\":\"credit.application.decided\",\"bankId\":\"lakeside\","
                + "\"consentId\":\"" + consent.id() + "\",\"data\":{\"status\":\"approved\"}}";

        reportPartnerEvent(eventId, "lakeside", partner.clientId(), consent.id(), body);
        reportPartnerEvent(eventId, "lakeside", partner.clientId(), consent.id(), body);

        await().atMost(DEADLINE).until(() -> deliveryCount(consent.id()) == 1
                && status(deliveryOf(consent.id())).equals("DELIVERED"));
        assertThat(deliveryOf(consent.id())).isEqualTo(eventId);
        await().atMost(DEADLINE).until(() -> redis.opsForStream().pending("sceneway:consent-events", "auth-server")
                .getTotalPendingMessages() == 0);
        List<LoggedRequest> received = PARTNER.findAll(postRequestedFor(urlPathEqualTo(partner.path())));
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getBodyAsString()).isEqualTo(body);
        assertThat(received.getFirst().getHeader("x-sceneway-webhook-id")).isEqualTo(eventId.toString());
        assertThat(received.getFirst().getHeader("x-sceneway-signature")).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
    }

    @Test
    void partnerEventWhenItNamesAnotherPartnersConsentOrBankOrIsMalformedThenNothingIsSent() {
        Partner partner = partnerWithWebhook();
        Partner other = partnerWithWebhook();
        ConsentView consent = consents.credit(partner.clientId(), "lakeside");
        String body = "{\"type\":\"credit.agreement.disbursed\"}";

        reportPartnerEvent(UUID.randomUUID(), "lakeside", other.clientId(), consent.id(), body);
        reportPartnerEvent(UUID.randomUUID(), "harbour", partner.clientId(), consent.id(), body);
        redis.opsForStream().add(MapRecord.create("sceneway:consent-events", Map.of("event", "partner-event",
                "eventId", "not-a-uuid", "bank", "lakeside", "partner", partner.clientId(),
                "consentId", consent.id(), "type", "credit.agreement.disbursed", "payload", body)));
        redis.opsForStream().add(MapRecord.create("sceneway:consent-events", Map.of("event", "partner-event",
                "eventId", UUID.randomUUID().toString(), "bank", "lakeside", "partner", partner.clientId(),
                "consentId", consent.id(), "type", "Consent Revoked", "payload", body)));
        // A good report after the bad ones: once it is queued, the ones before it were handled (one consumer, in order).
        UUID good = UUID.randomUUID();
        reportPartnerEvent(good, "lakeside", partner.clientId(), consent.id(), body);

        await().atMost(DEADLINE).until(() -> deliveryCount(consent.id()) >= 1);
        assertThat(deliveryCount(consent.id())).isEqualTo(1);
        assertThat(deliveryOf(consent.id())).isEqualTo(good);
    }

    private void reportPartnerEvent(UUID eventId, String bank, String partner, String consentId, String payload) {
        redis.opsForStream().add(MapRecord.create("sceneway:consent-events", Map.of("event", "partner-event",
                "eventId", eventId.toString(), "bank", bank, "partner", partner, "consentId", consentId,
                "type", "credit.application.decided", "payload", payload)));
    }

    @Test
    void deliveryWhenThePartnerAnswers500TwiceThenRetriedWithGrowingBackoffUntilItAnswers200() {
        Partner partner = partnerWithWebhook();
        String path = partner.path();
        PARTNER.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        PARTNER.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("third"));
        PARTNER.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        String consentId = UUID.randomUUID().toString();
        commit(TestConsentChanges.revokedByCustomer(consentId, partner.clientId()));
        UUID deliveryId = deliveryOf(consentId);
        WebhookWorker worker = testWorker(properties.batchSize());

        List<WebhookStore.Attempt> afterFirst = awaitAttempts(deliveryId, 1);
        nudge(deliveryId, worker);
        List<WebhookStore.Attempt> afterSecond = awaitAttempts(deliveryId, 2);
        nudge(deliveryId, worker);
        await().atMost(DEADLINE).until(() -> status(deliveryId).equals("DELIVERED"));

        List<WebhookStore.Attempt> attempts = attempts(deliveryId);
        assertThat(attempts).extracting(WebhookStore.Attempt::statusCode).containsExactly(500, 500, 200);
        assertThat(waitScheduled(afterFirst.getFirst())).as("backoff after attempt 1: 1 s with jitter (±10 ms of rounding)")
                .isBetween(Duration.ofMillis(490), Duration.ofMillis(1_010));
        assertThat(waitScheduled(afterSecond.get(1))).as("backoff after attempt 2: 2 s with jitter (±10 ms of rounding)")
                .isBetween(Duration.ofMillis(990), Duration.ofMillis(2_010));
        assertThat(attempts.getLast().retryAt()).isNull();
        List<LoggedRequest> received = PARTNER.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(received).extracting(r -> r.getHeader("x-sceneway-webhook-id"))
                .as("one event id across retries").containsOnly(deliveryId.toString()).hasSize(3);
        assertThat(received).extracting(r -> r.getHeader("x-sceneway-webhook-attempt")).containsExactly("1", "2", "3");
    }

    @Test
    void deliveryWhenThePartnerNeverAnswers2xxThenFailedAfterMaxAttemptsAndNotTriedAgain() {
        Partner partner = partnerWithWebhook();
        PARTNER.stubFor(post(urlPathEqualTo(partner.path())).willReturn(aResponse().withStatus(503)));
        String consentId = UUID.randomUUID().toString();
        commit(TestConsentChanges.revokedByCustomer(consentId, partner.clientId()));
        UUID deliveryId = deliveryOf(consentId);
        WebhookWorker worker = testWorker(properties.batchSize());

        for (int attempt = 1; attempt < properties.maxAttempts(); attempt++) {
            awaitAttempts(deliveryId, attempt);
            nudge(deliveryId, worker);
        }
        await().atMost(DEADLINE).until(() -> status(deliveryId).equals("FAILED"));
        nudge(deliveryId, worker);

        List<WebhookStore.Attempt> attempts = attempts(deliveryId);
        assertThat(properties.maxAttempts()).isEqualTo(8);
        assertThat(attempts).hasSize(8).extracting(WebhookStore.Attempt::statusCode).containsOnly(503);
        assertThat(attempts.getLast().retryAt()).as("no retry after the last attempt").isNull();
        assertThat(attempts.subList(0, 7)).allSatisfy(attempt -> assertThat(attempt.retryAt()).isNotNull());
        PARTNER.verify(8, postRequestedFor(urlPathEqualTo(partner.path())));
        assertThat(status(deliveryId)).isEqualTo("FAILED");
    }

    @Test
    void changeWhenItsTransactionRollsBackThenNoDeliveryWhileACommittedOneIsDelivered() {
        Partner partner = partnerWithWebhook();
        PARTNER.stubFor(post(urlPathEqualTo(partner.path())).willReturn(aResponse().withStatus(200)));
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();

        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            events.publishEvent(TestConsentChanges.revokedByCustomer(rolledBack, partner.clientId()));
            tx.setRollbackOnly();
        });
        commit(TestConsentChanges.revokedByCustomer(committed, partner.clientId()));

        UUID delivered = deliveryOf(committed);
        await().atMost(DEADLINE).until(() -> status(delivered).equals("DELIVERED"));
        testWorker(properties.batchSize()).runOnce();
        assertThat(deliveryCount(rolledBack)).isZero();
        assertThat(PARTNER.findAll(postRequestedFor(urlPathEqualTo(partner.path()))))
                .extracting(r -> r.getHeader("x-sceneway-webhook-id")).containsExactly(delivered.toString());
    }

    @Test
    void changeWhenThePartnerHasNoWebhookUrlThenNoDeliveryRow() {
        Partner withUrl = partnerWithWebhook();
        String withoutUrl = partner(null);
        String toWithout = UUID.randomUUID().toString();
        String toWith = UUID.randomUUID().toString();

        commit(TestConsentChanges.revokedByCustomer(toWithout, withoutUrl),
                TestConsentChanges.revokedByCustomer(toWith, withUrl.clientId()));

        assertThat(deliveryCount(toWithout)).isZero();
        assertThat(deliveryCount(toWith)).as("the same transaction queued the other partner's").isEqualTo(1);
    }

    @Test
    void changeWhenOnlyCreatedOrUnchangedThenNoDeliveryAndEachOtherStatusItsOwnEventType() {
        Partner partner = partnerWithWebhook();
        String consentId = UUID.randomUUID().toString();
        Instant now = Instant.now();

        commit(TestConsentChanges.change(consentId, partner.clientId(), null, ConsentStatus.AWAITING_AUTHORISATION,
                "partner:" + partner.clientId(), "created", now));
        commit(TestConsentChanges.change(consentId, partner.clientId(), ConsentStatus.AWAITING_AUTHORISATION,
                ConsentStatus.AUTHORISED, "customer:alice", "authorised", now.plusSeconds(1)));
        commit(TestConsentChanges.change(consentId, partner.clientId(), ConsentStatus.AUTHORISED,
                ConsentStatus.REVOKED, "partner:" + partner.clientId(), "revoked-by-partner", now.plusSeconds(2)));
        commit(TestConsentChanges.change(consentId, partner.clientId(), ConsentStatus.REVOKED, ConsentStatus.REVOKED,
                "partner:" + partner.clientId(), "already-revoked", now.plusSeconds(3)));

        assertThat(jdbc.queryForList("SELECT event_type FROM webhook_delivery WHERE consent_id = ? "
                + "ORDER BY created_at", String.class, consentId))
                .containsExactly("consent.authorised", "consent.revoked");
        String revoked = jdbc.queryForObject("SELECT payload FROM webhook_delivery WHERE consent_id = ? AND "
                + "event_type = 'consent.revoked'", String.class, consentId);
        assertThat(JSON.readTree(revoked).get("reason").asString()).isEqualTo("revoked-by-partner");
        assertThat(JSON.readTree(revoked).get("actor").asString()).isEqualTo("partner");
    }

    @Test
    void consentWhenAuthorisedAndRevokedThroughTheLifecycleThenOneDeliveryForEachChangeTheQueueSends() {
        Partner partner = partnerWithWebhook();
        PARTNER.stubFor(post(urlPathEqualTo(partner.path())).willReturn(aResponse().withStatus(200)));
        ConsentView consent = consents.accountAccess(partner.clientId(), "lakeside");
        lifecycle.authorise(consent.id(), "alice", List.of("LS-ALICE-CUR"));
        consents.revokeByPartner(consent.id());

        assertThat(jdbc.queryForList("SELECT event_type FROM webhook_delivery WHERE consent_id = ? "
                + "ORDER BY created_at", String.class, consent.id()))
                .containsExactly("consent.authorised", "consent.revoked");
        await().atMost(DEADLINE).until(() -> PARTNER.findAll(postRequestedFor(urlPathEqualTo(partner.path())))
                .size() == 2);
        assertThat(PARTNER.findAll(postRequestedFor(urlPathEqualTo(partner.path()))))
                .extracting(r -> JSON.readTree(r.getBodyAsString()).get("consent").get("consentId").asString())
                .containsOnly(consent.id());
    }

    @Test
    void workersWhenSeveralPollTogetherThenEachDeliveryIsSentExactlyOnce() throws Exception {
        Partner partner = partnerWithWebhook();
        PARTNER.stubFor(post(urlPathEqualTo(partner.path())).willReturn(aResponse().withStatus(200)));
        List<String> consents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            consents.add(UUID.randomUUID().toString());
        }
        WebhookWorker first = testWorker(3);
        WebhookWorker second = testWorker(3);
        CountDownLatch go = new CountDownLatch(1);
        Callable<List<UUID>> drain = worker(go, first);
        Callable<List<UUID>> drainToo = worker(go, second);

        commit(consents.stream().map(id -> TestConsentChanges.revokedByCustomer(id, partner.clientId()))
                .toArray(ConsentStatusChanged[]::new));
        List<UUID> a;
        List<UUID> b;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<List<UUID>> one = pool.submit(drain);
            Future<List<UUID>> two = pool.submit(drainToo);
            go.countDown();
            a = one.get(30, TimeUnit.SECONDS);
            b = two.get(30, TimeUnit.SECONDS);
        }

        List<UUID> ids = consents.stream().map(this::deliveryOf).toList();
        await().atMost(DEADLINE).until(() -> ids.stream().allMatch(id -> status(id).equals("DELIVERED")));
        assertThat(a).doesNotContainAnyElementsOf(b);
        List<LoggedRequest> received = PARTNER.findAll(postRequestedFor(urlPathEqualTo(partner.path())));
        assertThat(received).extracting(r -> r.getHeader("x-sceneway-webhook-id"))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(ids).allSatisfy(id -> assertThat(attempts(id)).hasSize(1));
    }

    @Test
    void deliveryLogWhenAdminReadsItThenNewestFirstPagedWithEveryAttempt() {
        Partner partner = partnerWithWebhook();
        String path = partner.path();
        PARTNER.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        PARTNER.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String oldest = UUID.randomUUID().toString();
        commit(TestConsentChanges.revokedByCustomer(oldest, partner.clientId()));
        UUID oldestDelivery = deliveryOf(oldest);
        awaitAttempts(oldestDelivery, 1);
        nudge(oldestDelivery, testWorker(properties.batchSize()));
        await().atMost(DEADLINE).until(() -> status(oldestDelivery).equals("DELIVERED"));
        List<String> newer = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        newer.forEach(id -> commit(TestConsentChanges.revokedByCustomer(id, partner.clientId())));
        String admin = adminToken();

        JsonNode first = json(jsonRequest("GET", "/admin/clients/" + partner.clientId()
                + "/webhook-deliveries?limit=2", admin, null));
        JsonNode second = json(jsonRequest("GET", first.get("links").get("next").asString(), admin, null));

        assertThat(first.get("data")).extracting(d -> d.get("consentId").asString())
                .containsExactly(newer.get(1), newer.get(0));
        assertThat(second.get("data")).extracting(d -> d.get("consentId").asString()).containsExactly(oldest);
        assertThat(second.get("links").has("next")).isFalse();
        JsonNode log = second.get("data").get(0);
        assertThat(log.get("id").asString()).isEqualTo(oldestDelivery.toString());
        assertThat(log.get("type").asString()).isEqualTo("consent.revoked");
        assertThat(log.get("status").asString()).isEqualTo("delivered");
        assertThat(log.get("payload").get("consent").get("consentId").asString()).isEqualTo(oldest);
        assertThat(log.get("attempts")).extracting(a -> a.get("statusCode").asInt()).containsExactly(502, 200);
        assertThat(log.get("attempts").get(0).get("url").asString()).isEqualTo(webhookUrl(path));
        assertThat(log.get("attempts").get(0).has("retryAt")).isTrue();
        assertThat(log.get("attempts").get(1).has("retryAt")).isFalse();
    }

    @Test
    void deliveryLogWhenTheRequestIsWrongThenProblems() {
        String admin = adminToken();
        String partnerToken = accessToken(TestPartners.renovationPartner(), "products");

        assertProblem(jsonRequest("GET", "/admin/clients/no-such-app/webhook-deliveries", admin, null), 404,
                "not-found");
        assertProblem(jsonRequest("GET", "/admin/clients/renovation-demo/webhook-deliveries?cursor=nonsense", admin,
                null), 400, "bad-request");
        assertProblem(jsonRequest("GET", "/admin/clients/renovation-demo/webhook-deliveries?limit=0", admin, null),
                400, "bad-request");
        assertProblem(jsonRequest("GET", "/admin/clients/renovation-demo/webhook-deliveries", null, null), 401,
                "authentication-required");
        assertProblem(jsonRequest("GET", "/admin/clients/renovation-demo/webhook-deliveries", partnerToken, null),
                403, "forbidden");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/" + type);
    }

    /** Runs {@code worker} once {@code go} opens, until a poll finds nothing due; returns the ids it claimed. */
    private static Callable<List<UUID>> worker(CountDownLatch go, WebhookWorker worker) {
        return () -> {
            go.await(10, TimeUnit.SECONDS);
            List<UUID> claimed = new ArrayList<>();
            List<UUID> batch;
            while (!(batch = worker.runOnce()).isEmpty()) {
                claimed.addAll(batch);
            }
            return claimed;
        };
    }

    /** A worker like the server's (its store, keys, URL rules and clock) that the test polls by hand. */
    private WebhookWorker testWorker(int batchSize) {
        WebhookProperties props = new WebhookProperties(false, properties.pollInterval(), properties.timeout(),
                properties.maxAttempts(), properties.backoffBase(), properties.backoffCap(), batchSize,
                properties.retention());
        WebhookWorker worker = new WebhookWorker(store, new WebhookSigner(signingKeys),
                new WebhookSender(urls, props.timeout()),
                new Backoff(props.backoffBase(), props.backoffCap(), RandomGenerator.getDefault()), props, clock);
        workers.add(worker);
        return worker;
    }

    /** Makes a recorded failed attempt's retry due now (instead of waiting out the backoff), then polls. */
    private void nudge(UUID deliveryId, WebhookWorker worker) {
        jdbc.update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING' "
                + "AND claim_token IS NULL", Timestamp.from(clock.instant()), deliveryId);
        worker.runOnce();
    }

    private List<WebhookStore.Attempt> awaitAttempts(UUID deliveryId, int count) {
        await().atMost(DEADLINE).until(() -> attempts(deliveryId).size() >= count);
        return attempts(deliveryId);
    }

    private static Duration waitScheduled(WebhookStore.Attempt attempt) {
        assertThat(attempt.retryAt()).isNotNull();
        return Duration.between(attempt.at().plusMillis(attempt.durationMillis()), attempt.retryAt());
    }

    private List<WebhookStore.Attempt> attempts(UUID deliveryId) {
        return jdbc.query("SELECT * FROM webhook_attempt WHERE delivery_id = ? ORDER BY attempt",
                (row, n) -> new WebhookStore.Attempt(row.getInt("attempt"),
                        row.getTimestamp("attempted_at").toInstant(), row.getString("url"),
                        row.getObject("status_code", Integer.class), row.getString("error"),
                        row.getLong("duration_ms"), row.getTimestamp("retry_at") == null ? null
                                : row.getTimestamp("retry_at").toInstant()), deliveryId);
    }

    private String status(UUID deliveryId) {
        return jdbc.queryForObject("SELECT status FROM webhook_delivery WHERE id = ?", String.class, deliveryId);
    }

    private UUID deliveryOf(String consentId) {
        return jdbc.queryForObject("SELECT id FROM webhook_delivery WHERE consent_id = ?", UUID.class, consentId);
    }

    private int deliveryCount(String consentId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE consent_id = ?",
                Integer.class, consentId);
        return count == null ? 0 : count;
    }

    /** Publishes the changes in one committed transaction, as the consent service does. */
    private void commit(ConsentStatusChanged... changes) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            for (ConsentStatusChanged change : changes) {
                events.publishEvent(change);
            }
        });
    }

    private Partner partnerWithWebhook() {
        String path = "/hooks/" + UUID.randomUUID();
        return new Partner(partner(webhookUrl(path)), path);
    }

    private static String webhookUrl(String path) {
        return "http://localhost:" + PARTNER.port() + path;
    }

    /** Registers a partner app through the admin API, with {@code webhookUri} as its webhook_uri (null: none). */
    private String partner(String webhookUri) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("client_name", "Webhook test partner");
        metadata.put("scope", "accounts");
        metadata.put("jwks", JSON.readTree(TestClientKeys.publicJwks(TestClientKeys.rsa("hooks-" + UUID.randomUUID()))));
        metadata.put("banks", List.of("lakeside"));
        if (webhookUri != null) {
            metadata.put("webhook_uri", webhookUri);
        }
        String body = JSON.writeValueAsString(metadata);
        HttpResponse<String> created = jsonRequest("POST", "/admin/clients", adminToken(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("client_id").asString();
    }
}
