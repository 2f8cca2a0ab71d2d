package dev.sceneway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.tenancy.Plan;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalTokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LocalTokenBucket buckets = new LocalTokenBucket(10, nanos::get);
    private final Plan plan = new Plan(2, 1, 1, 1);

    @Test
    void takeWhenBurstIsSpentThenRefusedAsRateUntilTheNextTokenAndQuotasAreNotCounted() {
        assertThat(buckets.take("p", plan).allowed()).isTrue();
        assertThat(buckets.take("p", plan).allowed()).as("quotas of 1 do not apply locally").isTrue();
        LimitDecision third = buckets.take("p", plan);

        assertThat(third.allowed()).isFalse();
        assertThat(third.hit()).isEqualTo(Limit.RATE);
        assertThat(third.quotas()).isNull();
        assertThat(third.microsUntilNextToken()).isEqualTo(1_000_000);

        nanos.addAndGet(1_000_000_000L);
        assertThat(buckets.take("p", plan).allowed()).isTrue();
    }

    @Test
    void takeWhenKeysDifferThenBucketsAreSeparate() {
        buckets.take("a", plan);
        buckets.take("a", plan);

        assertThat(buckets.take("a", plan).allowed()).isFalse();
        assertThat(buckets.take("b", plan).allowed()).isTrue();
    }
}
