package dev.sceneway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.gateway.tenancy.Plan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.util.JsonPathExpectationsHelper;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class PartnerRateLimitIT extends GatewayTestContext {

    private static final int MAX_ATTEMPTS = 20;

    @Autowired
    RedisTokenBucket bucket;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void burstWhenBeyondPlanCapacityThenRateLimitedNamingTheRateAndRejectedRequestIsNotForwarded() {
        String token = GatewayTokens.partner(SMALL_PLAN_PARTNER).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String interactionId = UUID.randomUUID().toString();

        // Plan: 3 at once, then 1 per second. Loop until the bucket runs dry (bounded, no sleeping).
        int allowed = 0;
        EntityExchangeResult<byte[]> rejected = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && rejected == null; attempt++) {
            EntityExchangeResult<byte[]> result = get(path, token, interactionId);
            if (result.getStatus().value() == 200) {
                allowed++;
            } else {
                rejected = result;
            }
        }

        assertThat(allowed).isGreaterThanOrEqualTo(3);
        assertThat(rejected).isNotNull();
        String body = assertProblem(rejected, 429, "rate-limited", path);
        new JsonPathExpectationsHelper("$.limit").assertValue(body, "rate");
        new JsonPathExpectationsHelper("$.detail").assertValue(body,
                "Too many requests: your plan at bank 'lakeside' allows bursts of 3 and 1 request(s) per second after "
                        + "that. Retry after 1 s.");
        HttpHeaders headers = rejected.getResponseHeaders();
        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"partner\";q=3;w=3");
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"partner\";r=0;t=1");
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst(INTERACTION_ID)).isEqualTo(interactionId);
        TestUpstreams.lakeside().verify(allowed, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void dailyQuotaWhenUsedUpThenRateLimitedNamingTheDailyQuotaUntilUtcMidnight() {
        String partner = GatewayTokens.uniquePartner("daily");
        approve(partner, new Plan(100, 100, 2, 1_000));
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();

        assertThat(get(path, token, UUID.randomUUID().toString()).getStatus().value()).isEqualTo(200);
        assertThat(get(path, token, UUID.randomUUID().toString()).getStatus().value()).isEqualTo(200);
        EntityExchangeResult<byte[]> third = get(path, token, UUID.randomUUID().toString());

        String body = assertProblem(third, 429, "rate-limited", path);
        new JsonPathExpectationsHelper("$.limit").assertValue(body, "daily-quota");
        assertThat(body).contains("Daily quota used up").contains("allows 2 requests per day (UTC)");
        long retryAfter = Long.parseLong(third.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, secondsToUtcMidnight() + 5);
        assertThat(third.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"partner-day\";q=2;w=86400");
        assertThat(third.getResponseHeaders().getFirst("RateLimit")).isEqualTo("\"partner-day\";r=0;t=" + retryAfter);
        TestUpstreams.lakeside().verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void monthlyQuotaWhenCounterIsNearFiveMillionThenLastRequestPassesAndTheNextNamesTheMonthlyQuota() {
        String partner = GatewayTokens.uniquePartner("monthly");
        approve(partner, new Plan(100, 100, 10_000_000, 5_000_000));
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        // The month as the script computes it: from Redis' own clock, in UTC.
        ZonedDateTime redisNow = Instant.ofEpochMilli(redis.execute(connection -> connection.serverCommands().time())
                .blockFirst(Duration.ofSeconds(2))).atZone(ZoneOffset.UTC);
        long month = redisNow.getYear() * 100L + redisNow.getMonthValue();
        redis.opsForHash().putAll("sceneway:plan:partner:lakeside:" + partner,
                Map.of("month", Long.toString(month), "mn", "4999999")).block(Duration.ofSeconds(2));

        EntityExchangeResult<byte[]> last = get(path, token, UUID.randomUUID().toString());
        EntityExchangeResult<byte[]> over = get(path, token, UUID.randomUUID().toString());

        assertThat(last.getStatus().value()).isEqualTo(200);
        assertThat(last.getResponseHeaders().getFirst("RateLimit")).startsWith("\"partner-month\";r=0;t=");
        assertThat(last.getResponseHeaders().getFirst("RateLimit-Policy")).startsWith("\"partner-month\";q=5000000;w=");
        String body = assertProblem(over, 429, "rate-limited", path);
        new JsonPathExpectationsHelper("$.limit").assertValue(body, "monthly-quota");
        assertThat(body).contains("allows 5000000 requests per calendar month");
        assertThat(redis.<String, String>opsForHash().get("sceneway:plan:partner:lakeside:" + partner, "mn")
                .block(Duration.ofSeconds(2))).isEqualTo("5000000");
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void takeWhenBucketIsDrainedThenRefusedWithWaitForNextTokenAndKeyLivesUntilTheMonthEnds() {
        String key = "sceneway:plan:test:" + UUID.randomUUID();
        Plan plan = new Plan(2, 1, 1_000, 1_000);

        LimitDecision first = bucket.take(key, plan).block(Duration.ofSeconds(2));
        LimitDecision second = bucket.take(key, plan).block(Duration.ofSeconds(2));
        LimitDecision third = bucket.take(key, plan).block(Duration.ofSeconds(2));

        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(first.quotas().day()).isEqualTo(1);
        assertThat(second.allowed()).isTrue();
        assertThat(second.remaining()).isZero();
        assertThat(third.allowed()).isFalse();
        assertThat(third.hit()).isEqualTo(Limit.RATE);
        assertThat(third.quotas().day()).as("a refused request is not counted").isEqualTo(2);
        assertThat(third.microsUntilNextToken()).isBetween(1L, 1_000_000L);
        assertThat(third.quotas().secondsToMonthEnd()).isGreaterThanOrEqualTo(third.quotas().secondsToDayEnd());
        // The monthly count must survive until the month ends, and the key must not outlive it by much.
        assertThat(redis.getExpire(key).block(Duration.ofSeconds(2)))
                .isBetween(Duration.ofSeconds(third.quotas().secondsToMonthEnd()),
                        Duration.ofSeconds(third.quotas().secondsToMonthEnd() + 61));
    }

    private EntityExchangeResult<byte[]> get(String path, String token, String interactionId) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(INTERACTION_ID, interactionId).exchange().expectBody().returnResult();
    }

    private static long secondsToUtcMidnight() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
    }
}
