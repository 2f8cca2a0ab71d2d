package dev.sceneway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sceneway.gateway.ratelimit.LimitDecision.QuotaUsage;
import dev.sceneway.gateway.tenancy.Plan;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final QuotaUsage USAGE = new QuotaUsage(10, 4_000_000, 3_600, 90_000);

    @Test
    void policyWhenPlanHasQuotasThenOneItemPerPolicyWithBucketWindowAsRefillTime() {
        long month = YearMonth.now(ZoneOffset.UTC).lengthOfMonth() * 86_400L;
        assertThat(RateLimitHeaders.policy("partner", new Plan(5, 1, 100, 5_000_000)))
                .isEqualTo("\"partner\";q=5;w=5, \"partner-day\";q=100;w=86400, \"partner-month\";q=5000000;w=" + month);
    }

    @Test
    void bucketPolicyWhenRefillDoesNotDivideCapacityThenWindowRoundsUp() {
        assertThat(RateLimitHeaders.bucketPolicy("partner", plan(20, 10))).isEqualTo("\"partner\";q=20;w=2");
        assertThat(RateLimitHeaders.bucketPolicy("partner", plan(5, 2))).isEqualTo("\"partner\";q=5;w=3");
        assertThat(RateLimitHeaders.bucketPolicy("partner", plan(3, 10))).isEqualTo("\"partner\";q=3;w=1");
    }

    @Test
    void limitWhenTokensRemainThenResetIsZeroAndQuotasShowWhatIsLeftAndWhenTheyReset() {
        assertThat(RateLimitHeaders.limit("partner", new Plan(5, 1, 100, 5_000_000),
                new LimitDecision(true, null, 3, 0, USAGE)))
                .isEqualTo("\"partner\";r=3;t=0, \"partner-day\";r=90;t=3600, \"partner-month\";r=1000000;t=90000");
    }

    @Test
    void limitWhenDecidedLocallyThenOnlyTheBucketItem() {
        assertThat(RateLimitHeaders.limit("partner", plan(5, 1), new LimitDecision(true, null, 0, 400_000, null)))
                .isEqualTo("\"partner\";r=0;t=1");
        assertThat(RateLimitHeaders.limit("partner", plan(5, 1), new LimitDecision(false, Limit.RATE, 0, 2_000_001, null)))
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

    private static Plan plan(int capacity, int refill) {
        return new Plan(capacity, refill, 1_000, 1_000);
    }
}
