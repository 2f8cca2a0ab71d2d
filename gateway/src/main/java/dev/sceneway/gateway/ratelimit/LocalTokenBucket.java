package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.tenancy.Plan;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * This replica's own token buckets, used for reads while Redis is unavailable (the written failure policy in
 * {@code dev.sceneway.gateway.tenancy}). Same plan, same arithmetic as the Redis script, but per replica and
 * without quotas: with N replicas a partner may get up to N times its rate until Redis is back.
 */
final class LocalTokenBucket {

    private static final long UNIT = 1_000_000L;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final int maxBuckets;

    LocalTokenBucket(int maxBuckets, LongSupplier nanoClock) {
        if (maxBuckets <= 0) {
            throw new IllegalArgumentException("maxBuckets must be > 0, but was " + maxBuckets);
        }
        this.maxBuckets = maxBuckets;
        this.nanoClock = nanoClock;
    }

    LimitDecision take(String key, Plan plan) {
        if (buckets.size() >= maxBuckets && !buckets.containsKey(key)) {
            // Bounded memory during a long outage: forgetting buckets only refills them, it never blocks anyone.
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(plan, nanoClock.getAsLong())).take(plan, nanoClock.getAsLong());
    }

    /** Micro-tokens and microseconds, as in {@code plan_limit.lua}. */
    private static final class Bucket {

        private long microTokens;
        private long lastMicros;

        Bucket(Plan plan, long nowNanos) {
            this.microTokens = plan.capacity() * UNIT;
            this.lastMicros = nowNanos / 1_000L;
        }

        synchronized LimitDecision take(Plan plan, long nowNanos) {
            long capacity = plan.capacity() * UNIT;
            long rate = plan.refillPerSecond();
            long now = nowNanos / 1_000L;
            microTokens = Math.min(microTokens, capacity);
            if (now > lastMicros) {
                long elapsed = now - lastMicros;
                microTokens = elapsed >= Math.ceilDiv(capacity - microTokens, rate)
                        ? capacity : microTokens + elapsed * rate;
                lastMicros = now;
            }
            boolean allowed = microTokens >= UNIT;
            if (allowed) {
                microTokens -= UNIT;
            }
            long nextToken = microTokens >= UNIT ? 0 : Math.ceilDiv(UNIT - microTokens, rate);
            return new LimitDecision(allowed, allowed ? null : Limit.RATE, microTokens / UNIT, nextToken, null);
        }
    }
}
