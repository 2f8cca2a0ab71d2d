package dev.sceneway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sceneway.gateway.ratelimit.RateLimitProperties.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    @Test
    void policyWhenPlanIsFivePerFiveSecondsThenQuotaIsCapacityAndWindowIsRefillTime() {
        assertThat(RateLimitHeaders.policy("partner", new Plan(5, 1))).isEqualTo("\"partner\";q=5;w=5");
    }

    @Test
    void policyWhenRefillDoesNotDivideCapacityThenWindowRoundsUp() {
        assertThat(RateLimitHeaders.policy("partner", new Plan(20, 10))).isEqualTo("\"partner\";q=20;w=2");
        assertThat(RateLimitHeaders.policy("partner", new Plan(5, 2))).isEqualTo("\"partner\";q=5;w=3");
        assertThat(RateLimitHeaders.policy("partner", new Plan(3, 10))).isEqualTo("\"partner\";q=3;w=1");
    }

    @Test
    void limitWhenTokensRemainThenResetIsZero() {
        assertThat(RateLimitHeaders.limit("partner", new BucketDecision(true, 3, 0))).isEqualTo("\"partner\";r=3;t=0");
    }

    @Test
    void limitWhenLastTokenWasTakenThenResetIsTheWaitForTheNextRoundedUp() {
        assertThat(RateLimitHeaders.limit("partner", new BucketDecision(true, 0, 400_000)))
                .isEqualTo("\"partner\";r=0;t=1");
        assertThat(RateLimitHeaders.limit("partner", new BucketDecision(false, 0, 2_000_001)))
                .isEqualTo("\"partner\";r=0;t=3");
    }

    @Test
    void retryAfterWhenWaitIsShorterThanASecondThenOneSecond() {
        assertThat(RateLimitHeaders.retryAfterSeconds(new BucketDecision(false, 0, 1))).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(new BucketDecision(false, 0, 0))).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(new BucketDecision(false, 0, 3_000_000))).isEqualTo(3);
    }

    @Test
    void fromScriptWhenReplyHasThreeValuesThenDecision() {
        assertThat(BucketDecision.fromScript(List.of(0L, 0L, 250_000L))).isEqualTo(new BucketDecision(false, 0, 250_000));
        assertThatIllegalStateException().isThrownBy(() -> BucketDecision.fromScript(List.of(1L)))
                .withMessageContaining("expected 3");
    }
}
