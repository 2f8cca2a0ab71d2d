package dev.sceneway.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void boundsStartAt100MicrosGrowByAtMostATenthAndReach60Seconds() {
        long[] bounds = LatencyHistogram.BOUNDS;

        assertThat(bounds[0]).isEqualTo(100);
        assertThat(bounds[bounds.length - 1]).isGreaterThanOrEqualTo(60_000_000);
        assertThat(bounds[bounds.length - 2]).isLessThan(60_000_000);
        for (int i = 1; i < bounds.length; i++) {
            assertThat(bounds[i]).isGreaterThan(bounds[i - 1]);
            assertThat((double) bounds[i] / bounds[i - 1]).isLessThanOrEqualTo(1.1 + 1e-9);
        }
        // The stored arrays' length is part of the schema (V2__metering.sql): a change here needs a migration.
        assertThat(LatencyHistogram.BUCKETS).isEqualTo(bounds.length + 1).isEqualTo(142);
    }

    @Test
    void bucketOfPutsEachLatencyBelowItsBucketsUpperBound() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(99)).isZero();
        assertThat(LatencyHistogram.bucketOf(100)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(109)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(110)).isEqualTo(2);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
    }

    @Test
    void p95IsNeverBelowTheExactValueAndAtMostATenthAbove() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(5_000);
            long[] latencies = new long[n];
            long[] buckets = new long[LatencyHistogram.BUCKETS];
            for (int i = 0; i < n; i++) {
                // Log-uniform between 100 µs and 30 s, the range a gateway sees.
                latencies[i] = (long) Math.exp(Math.log(100) + random.nextDouble() * Math.log(300_000));
                buckets[LatencyHistogram.bucketOf(latencies[i])]++;
            }
            Arrays.sort(latencies);
            long exact = latencies[(int) Math.ceil(0.95 * n) - 1];

            long estimate = LatencyHistogram.percentileMicros(buckets, 0.95);

            assertThat(estimate).isGreaterThan(exact).isLessThanOrEqualTo((long) Math.ceil(exact * 1.1) + 1);
        }
    }

    @Test
    void percentileOfNoCallsIsMinusOneAndWrongShapesAreRefused() {
        assertThat(LatencyHistogram.percentileMicros(new long[LatencyHistogram.BUCKETS], 0.95)).isEqualTo(-1);
        assertThatThrownBy(() -> LatencyHistogram.percentileMicros(new long[3], 0.95)).hasMessageContaining("buckets");
        assertThatThrownBy(() -> LatencyHistogram.percentileMicros(new long[LatencyHistogram.BUCKETS], 0))
                .hasMessageContaining("fraction");
    }
}
