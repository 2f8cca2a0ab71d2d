package dev.sceneway.gateway.idempotency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.gateway.tenancy.Plan;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code x-idempotency-key} through the whole gateway: real Redis, WireMock banks counting what reaches them. Redis
 * timeouts are raised for this context only: the 50-caller burst runs on a 2-core machine shared by parallel
 * builds, where one Redis reply can miss the 200 ms production bound (and would rightly be refused with 503).
 * The fail-closed refusal itself is proven by {@link IdempotencyStoreUnavailableIT}. The partner rate limit is off in
 * this context for the same reason: its 100 ms bound (which config cannot raise) would refuse one of the burst now
 * and then, and the limiter has tests of its own (ratelimit package).
 */
@TestPropertySource(properties = {"spring.data.redis.timeout=2s", "sceneway.gateway.idempotency.store-timeout=2s",
        "sceneway.gateway.rate-limit.enabled=false"})
class IdempotencyIT extends GatewayTestContext {

    private static final int CONCURRENT_CALLERS = 50;

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    IdempotencyStore store;

    @Autowired
    MeterRegistry meters;

    private final String partner = GatewayTokens.uniquePartner("idempotency");
    private final String otherPartner = GatewayTokens.uniquePartner("idempotency-other");

    @BeforeEach
    void approvePartners() {
        // Bursts of 100, should the rate limit be on: the concurrency test sends 50 at once.
        approve(partner, new Plan(100, 100, 100_000, 2_000_000));
        approve(otherPartner);
    }
    private final String token = GatewayTokens.partner(partner).sign();

    @Test
    void fiftyConcurrentIdenticalPostsThenOneUpstreamCallAndEveryCallerGetsTheSameResponse() {
        // One call first, so that the burst measures the gateway warm (scripts loaded, code paths compiled) and a
        // cold JVM on a busy machine does not trip the store's 200 ms timeout (which would rightly answer 503).
        String warmUp = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);
        String warmUpKey = UUID.randomUUID().toString();
        assertThat(post(warmUp, token, warmUpKey, "{}").getStatus().value()).isEqualTo(201);
        assertThat(post(warmUp, token, warmUpKey, "{}").getStatus().value()).isEqualTo(201);
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 300);
        String key = UUID.randomUUID().toString();
        ConnectionProvider connections = ConnectionProvider.builder("idempotency-it")
                .maxConnections(CONCURRENT_CALLERS).pendingAcquireMaxCount(CONCURRENT_CALLERS).build();
        WebClient concurrent = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        try {
            List<Answer> answers = Flux.range(0, CONCURRENT_CALLERS)
                    .flatMap(i -> concurrent.post().uri(path)
                            .header(HttpHeaders.AUTHORIZATION, bearer(token))
                            .header(IdempotencyKeys.HEADER, key)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue("{\"amount\":\"1000.00\"}")
                            .exchangeToMono(response -> response.bodyToMono(String.class).map(body -> new Answer(
                                    response.statusCode().value(), body,
                                    response.headers().asHttpHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER),
                                    response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION)))),
                            CONCURRENT_CALLERS)
                    .collectList()
                    .block(Duration.ofSeconds(30));

            TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo(path)));
            assertThat(answers).hasSize(CONCURRENT_CALLERS);
            assertThat(answers).as("every caller's answer: %s", answers).extracting(Answer::status).containsOnly(201);
            assertThat(answers).extracting(Answer::body).containsOnly(answers.getFirst().body());
            assertThat(answers.getFirst().body()).contains("applicationId");
            assertThat(answers).extracting(Answer::location).containsOnly(answers.getFirst().location());
            assertThat(answers).filteredOn(answer -> answer.replayed() == null).hasSize(1);
            assertThat(answers).filteredOn(answer -> "true".equals(answer.replayed())).hasSize(CONCURRENT_CALLERS - 1);
        } finally {
            connections.dispose();
        }
    }

    record Answer(int status, String body, String replayed, String location) {
    }

    @Test
    void postWhenRepeatedThenFirstResponseReplayedWithMarkerAndNothingSentUpstreamAgain() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = post(path, token, key, "{\"amount\":\"5000.00\"}");
        EntityExchangeResult<byte[]> second = post(path, token, key, "{\"amount\":\"5000.00\"}");

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isNull();
        assertThat(second.getStatus().value()).isEqualTo(201);
        assertThat(second.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(second.getResponseBodyContent()).isEqualTo(first.getResponseBodyContent());
        assertThat(second.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(second.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(second.getResponseHeaders().getFirst(INTERACTION_ID)).isNotBlank()
                .isNotEqualTo(first.getResponseHeaders().getFirst(INTERACTION_ID));
        TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenSameKeyComesWithAnotherBodyThenUnprocessableAndNothingSentUpstream() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);
        String key = UUID.randomUUID().toString();

        assertThat(post(path, token, key, "{\"amount\":\"5000.00\"}").getStatus().value()).isEqualTo(201);
        assertProblem(post(path, token, key, "{\"amount\":\"9000.00\"}"), 422, "idempotency-key-reused", path);
        assertProblem(post(path + "?variant=2", token, key, "{\"amount\":\"5000.00\"}"), 422,
                "idempotency-key-reused", path);

        TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenKeyIsMissingThenBadRequestAndNothingSentUpstream() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);

        EntityExchangeResult<byte[]> result = client.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectBody().returnResult();

        String body = assertProblem(result, 400, "idempotency-key-missing", path);
        assertThat(body).contains(IdempotencyKeys.HEADER);
        assertThat(result.getResponseHeaders().getFirst(INTERACTION_ID)).isNotBlank();
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenKeyIsTooLongOrHasForbiddenCharactersThenBadRequest() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);

        assertProblem(post(path, token, "k".repeat(41), "{}"), 400, "idempotency-key-invalid", path);
        assertProblem(post(path, token, "key with spaces", "{}"), 400, "idempotency-key-invalid", path);
        assertProblem(post(path, token, "partner:key", "{}"), 400, "idempotency-key-invalid", path);
        assertThat(post(path, token, "k".repeat(40), "{}").getStatus().value()).isEqualTo(201);

        TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenFirstIsStillInFlightAfterTheRouteResponseTimeoutThenConflictAndNothingSentUpstream() {
        // Another replica holds the key and has not completed: the duplicate waits out sluggish's 300 ms.
        String path = stubApplications(TestUpstreams.harbour(), "sluggish", 201, 0);
        String key = UUID.randomUUID().toString();
        String body = "{\"amount\":\"2500.00\"}";
        String fingerprint = IdempotencyKeys.fingerprint("POST", path, null, body.getBytes(StandardCharsets.UTF_8));
        assertThat(store.claim(IdempotencyKeys.redisKey(partner, key), fingerprint, "other-replica")
                .block(Duration.ofSeconds(2))).isInstanceOf(IdempotencyStore.Claimed.class);
        long started = System.nanoTime();

        assertProblem(post(path, token, key, body), 409, "idempotency-key-in-flight", path);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(3));
        TestUpstreams.harbour().verify(0, anyRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenAnotherReplicaCompletesTheKeyWhileTheDuplicateWaitsThenTheDuplicateGetsItsResponse() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);
        String key = UUID.randomUUID().toString();
        String body = "{\"amount\":\"3000.00\"}";
        String redisKey = IdempotencyKeys.redisKey(partner, key);
        String fingerprint = IdempotencyKeys.fingerprint("POST", path, null, body.getBytes(StandardCharsets.UTF_8));
        IdempotencyStore.Claim claim = store.claim(redisKey, fingerprint, "other-replica").block(Duration.ofSeconds(2));
        assertThat(claim).isInstanceOf(IdempotencyStore.Claimed.class);
        double waitingBefore = waiting();

        var duplicate = WebClient.create("http://localhost:" + port).post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(String.class).map(text -> response.statusCode().value()
                        + " " + response.headers().asHttpHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER) + " " + text))
                .toFuture();
        // The other replica's bank answers once the duplicate is polling Redis.
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting() > waitingBefore);
        IdempotencyRecord answered = IdempotencyRecord.completed(fingerprint, 201,
                java.util.Map.of(HttpHeaders.CONTENT_TYPE, List.of("application/json")),
                "{\"applicationId\":\"from-other-replica\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.complete(redisKey, ((IdempotencyStore.Claimed) claim).token(), answered)
                .block(Duration.ofSeconds(2))).isTrue();

        assertThat(duplicate.join()).isEqualTo("201 true {\"applicationId\":\"from-other-replica\"}");
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenCompletedThenResponseKeptForTwentyFourHours() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);
        String key = UUID.randomUUID().toString();

        assertThat(post(path, token, key, "{}").getStatus().value()).isEqualTo(201);

        Duration ttl = redis.getExpire(IdempotencyKeys.redisKey(partner, key)).block(Duration.ofSeconds(2));
        assertThat(ttl).isGreaterThan(Duration.ofHours(24).minusMinutes(1)).isLessThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void postWhenAnotherPartnerUsesTheSameKeyThenItsRequestIsIndependent() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 201, 0);
        String key = UUID.randomUUID().toString();
        String otherToken = GatewayTokens.partner(otherPartner).sign();

        EntityExchangeResult<byte[]> mine = post(path, token, key, "{\"amount\":\"1000.00\"}");
        EntityExchangeResult<byte[]> theirs = post(path, otherToken, key, "{\"amount\":\"7000.00\"}");

        assertThat(mine.getStatus().value()).isEqualTo(201);
        assertThat(theirs.getStatus().value()).isEqualTo(201);
        assertThat(theirs.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isNull();
        assertThat(theirs.getResponseBodyContent()).isNotEqualTo(mine.getResponseBodyContent());
        TestUpstreams.lakeside().verify(2, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenBankFailsWithServerErrorThenKeyReleasedAndRetryGoesUpstreamAgain() {
        String path = stubApplications(TestUpstreams.lakeside(), "lakeside", 500, 0);
        String key = UUID.randomUUID().toString();

        assertThat(post(path, token, key, "{}").getStatus().value()).isEqualTo(500);
        assertThat(post(path, token, key, "{}").getStatus().value()).isEqualTo(500);

        TestUpstreams.lakeside().verify(2, postRequestedFor(urlPathEqualTo(path)));
        // Released once the response is on its way: a partner's immediate retry waits for that, then goes upstream.
        await().atMost(Duration.ofSeconds(2)).until(() -> Boolean.FALSE.equals(
                redis.hasKey(IdempotencyKeys.redisKey(partner, key)).block(Duration.ofSeconds(2))));
    }

    @Test
    void putWhenKeyIsAbsentThenForwardedAndWhenPresentThenReplayed() {
        // Not under /credit/applications, which needs a consent: this is about idempotency alone.
        String path = "/v1/banks/lakeside/credit/applications-drafts/" + UUID.randomUUID();
        TestUpstreams.lakeside().stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .withBody("{\"version\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
        String key = UUID.randomUUID().toString();

        client.put().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).bodyValue("{}").exchange()
                .expectStatus().isOk();
        EntityExchangeResult<byte[]> first = client.put().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(IdempotencyKeys.HEADER, key).bodyValue("{}").exchange().expectBody().returnResult();
        EntityExchangeResult<byte[]> again = client.put().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(IdempotencyKeys.HEADER, key).bodyValue("{}").exchange().expectBody().returnResult();

        assertThat(again.getResponseBodyContent()).isEqualTo(first.getResponseBodyContent());
        assertThat(again.getResponseHeaders().getFirst(IdempotencyKeys.REPLAYED_HEADER)).isEqualTo("true");
        TestUpstreams.lakeside().verify(2, putRequestedFor(urlPathEqualTo(path)));
    }

    private double waiting() {
        return meters.counter(IdempotencyFilter.METRIC, "outcome", "waiting").count();
    }

    private EntityExchangeResult<byte[]> post(String path, String bearerToken, String key, String body) {
        return client.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(bearerToken))
                .header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody().returnResult();
    }

    /** A POST endpoint of its own for one test; each upstream call answers a new application id. */
    private static String stubApplications(WireMockServer bank, String bankId, int status, int delayMs) {
        String path = "/v1/banks/" + bankId + "/credit/applications-" + UUID.randomUUID().toString().substring(0, 8);
        bank.stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .withHeader(HttpHeaders.LOCATION, path + "/{{randomValue type='UUID'}}")
                .withBody("{\"applicationId\":\"{{randomValue type='UUID'}}\"}")
                .withTransformers("response-template")
                .withFixedDelay(delayMs)));
        return path;
    }
}
