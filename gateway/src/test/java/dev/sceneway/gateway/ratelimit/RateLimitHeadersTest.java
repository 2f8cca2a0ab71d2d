package dev.sceneway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sceneway.gateway.ratelimit.LimitDecision.QuotaUsage;
import dev.sceneway.gateway.tenancy.Plan;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RateLimitHeadersTest {

    private static final Plan PLAN = new Plan(5, 1, 100, 5_000_000);
    private static final QuotaUsage USAGE = new QuotaUsage(10, 4_000_000, 3_600, 90_000);

    @Test
    void applyWhenTheBucketIsClosestToRunningOutThenBucketWithWindowAsRefillTime() {
        HttpHeaders headers = apply(new Plan(20, 10, 100, 1000), new LimitDecision(true, null, 3, 0, new QuotaUsage(0, 0, 3_600, 90_000)));

        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"partner\";q=20;w=2");
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"partner\";r=3;t=0");
    }

    @Test
    void applyWhenFewerRequestsAreLeftTodayThanInTheBucketThenTheDailyQuotaUntilUtcMidnight() {
        HttpHeaders headers = apply(PLAN, new LimitDecision(true, null, 4, 0, new QuotaUsage(98, 98, 3_600, 90_000)));

        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"partner-day\";q=100;w=86400");
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"partner-day\";r=2;t=3600");
    }

    @Test
    void applyWhenTheMonthlyQuotaRefusedThenTheMonthWithItsLength() {
        long month = YearMonth.now(ZoneOffset.UTC).lengthOfMonth() * 86_400L;
        HttpHeaders headers = apply(PLAN,
                new LimitDecision(false, Limit.MONTHLY_QUOTA, 4, 0, new QuotaUsage(1, 5_000_000, 3_600, 90_000)));

        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"partner-month\";q=5000000;w=" + month);
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"partner-month\";r=0;t=90000");
    }

    @Test
    void applyWhenDecidedLocallyThenTheBucketRoundingTheWaitUp() {
        assertThat(apply(PLAN, new LimitDecision(true, null, 0, 400_000, null)).getFirst("RateLimit"))
                .isEqualTo("\"partner\";r=0;t=1");
        assertThat(apply(PLAN, new LimitDecision(false, Limit.RATE, 0, 2_000_001, null)).getFirst("RateLimit"))
                .isEqualTo("\"partner\";r=0;t=3");
    }

    @Test
    void retryAfterWhenRateIsHitThenWaitForNextTokenAtLeastOneSecond() {
        assertThat(RateLimitHeaders.retryAfterSeconds(new LimitDecision(false, Limit.RATE, 0, 1, USAGE))).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(new LimitDecision(false, Limit.RATE, 0, 3_000_000, USAGE)))
                .isEqualTo(3);
    }

    @Test
    void retryAfterWhenAQuotaIsHitThenUntilThatQuotaResets() {
        assertThat(RateLimitHeaders.retryAfterSeconds(new LimitDecision(false, Limit.DAILY_QUOTA, 4, 0, USAGE)))
                .isEqualTo(3_600);
        assertThat(RateLimitHeaders.retryAfterSeconds(new LimitDecision(false, Limit.MONTHLY_QUOTA, 4, 0, USAGE)))
                .isEqualTo(90_000);
    }

    @Test
    void fromScriptWhenReplyHasEightValuesThenDecisionWithTheLimitHit() {
        assertThat(LimitDecision.fromScript(List.of(0L, 3L, 2L, 0L, 7L, 5_000_000L, 100L, 200L)))
                .isEqualTo(new LimitDecision(false, Limit.MONTHLY_QUOTA, 2, 0, new QuotaUsage(7, 5_000_000, 100, 200)));
        assertThatIllegalStateException().isThrownBy(() -> LimitDecision.fromScript(List.of(1L)))
                .withMessageContaining("expected 8");
    }

    private static HttpHeaders apply(Plan plan, LimitDecision decision) {
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.apply(headers, "partner", plan, decision);
        return headers;
    }
}
