package dev.sceneway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.ratelimit.RateLimitProperties.Plan;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class PartnerRateLimitIT extends GatewayTestContext {

    private static final int MAX_ATTEMPTS = 20;

    @Autowired
    RedisTokenBucket bucket;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void burstWhenBeyondPlanCapacityThenRateLimitedAndRejectedRequestIsNotForwarded() {
        String token = GatewayTokens.partner(SMALL_PLAN_PARTNER).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String interactionId = UUID.randomUUID().toString();

        // Plan: 3 at once, then 1 per second. Loop until the bucket runs dry (bounded, no sleeping).
        int allowed = 0;
        EntityExchangeResult<byte[]> rejected = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && rejected == null; attempt++) {
            EntityExchangeResult<byte[]> result = client.get().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, bearer(token)).header(INTERACTION_ID, interactionId).exchange()
                    .expectBody().returnResult();
            if (result.getStatus().value() == 200) {
                allowed++;
            } else {
                rejected = result;
            }
        }

        assertThat(allowed).isGreaterThanOrEqualTo(3);
        assertThat(rejected).isNotNull();
        assertProblem(rejected, 429, "rate-limited", path);
        HttpHeaders headers = rejected.getResponseHeaders();
        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"partner\";q=3;w=3");
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"partner\";r=0;t=1");
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst(INTERACTION_ID)).isEqualTo(interactionId);
        TestUpstreams.lakeside().verify(allowed, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void takeWhenBucketIsDrainedThenRefusedWithWaitForNextTokenAndKeyExpiresWhenFull() {
        String key = "sceneway:ratelimit:test:" + UUID.randomUUID();
        Plan plan = new Plan(2, 1);

        BucketDecision first = bucket.take(key, plan).block(Duration.ofSeconds(2));
        BucketDecision second = bucket.take(key, plan).block(Duration.ofSeconds(2));
        BucketDecision third = bucket.take(key, plan).block(Duration.ofSeconds(2));

        assertThat(first).isEqualTo(new BucketDecision(true, 1, 0));
        assertThat(second.allowed()).isTrue();
        assertThat(second.remaining()).isZero();
        assertThat(third.allowed()).isFalse();
        assertThat(third.microsUntilNextToken()).isBetween(1L, 1_000_000L);
        // The bucket holds < 1 token, so it is full again within 2 s: the key must not outlive that.
        assertThat(redis.getExpire(key).block(Duration.ofSeconds(2))).isBetween(Duration.ofMillis(1), Duration.ofSeconds(2));
    }
}
