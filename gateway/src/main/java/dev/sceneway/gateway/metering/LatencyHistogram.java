package dev.sceneway.gateway.metering;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed latency buckets of the daily aggregate ({@code metering_daily.latency_buckets}), so that p95 can be
 * computed for any set of rows (a day, a partner, a bank, many operations) by adding their buckets: percentiles of
 * percentiles would be wrong, and raw rows would make the usage query scan every call.
 * <p>
 * Layout: bucket {@code i} counts latencies in {@code [BOUNDS[i-1], BOUNDS[i])} microseconds, bucket 0 those below
 * {@code BOUNDS[0]} = 100 µs, the last bucket those of {@link #MAX_BOUND_MICROS} (≥ 60 s) and more. Each bound is
 * the previous plus a tenth of it, rounded down ({@code b + floor(b / 10)}), in exact integer arithmetic.
 * <p>
 * Accuracy: {@link #percentileMicros} answers the upper bound of the bucket holding the percentile, so it is never
 * below the true value and at most 10% above it, for latencies between 100 µs and 60 s (below: reported as 100 µs;
 * above: reported as the last bound). Changing the layout changes the meaning of stored rows: it needs a migration.
 */
final class LatencyHistogram {

    static final long FIRST_BOUND_MICROS = 100;
    static final long MAX_BOUND_MICROS = 60_000_000;
    /** Upper bounds (exclusive) of every bucket but the last, in microseconds. */
    static final long[] BOUNDS = bounds();
    /** Number of buckets: one per bound plus the overflow bucket. */
    static final int BUCKETS = BOUNDS.length + 1;

    private LatencyHistogram() {
    }

    private static long[] bounds() {
        List<Long> bounds = new ArrayList<>();
        long bound = FIRST_BOUND_MICROS;
        while (true) {
            bounds.add(bound);
            if (bound >= MAX_BOUND_MICROS) {
                break;
            }
            bound += bound / 10;
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }

    /** The bucket of a latency: the first whose upper bound is above it. */
    static int bucketOf(long latencyMicros) {
        int low = 0;
        int high = BOUNDS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (latencyMicros < BOUNDS[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * The latency at or below which {@code fraction} of the counted calls fall (nearest-rank: the call at rank
     * {@code ceil(fraction * total)}), as its bucket's upper bound; -1 when the buckets are empty.
     */
    static long percentileMicros(long[] buckets, double fraction) {
        if (buckets.length != BUCKETS) {
            throw new IllegalArgumentException("expected " + BUCKETS + " buckets, but got " + buckets.length);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], but was " + fraction);
        }
        long total = 0;
        for (long count : buckets) {
            total += count;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return BOUNDS[Math.min(i, BOUNDS.length - 1)];
            }
        }
        return BOUNDS[BOUNDS.length - 1];
    }
}
