package dev.sceneway.gateway.tenancy;

/**
 * A partner's plan at one bank: a token bucket (burst {@code capacity}, then {@code refillPerSecond} per second)
 * plus quotas per UTC calendar day and month. Quotas are {@code long}: monthly plans in the millions and beyond.
 *
 * @param capacity the bucket size: the largest burst
 * @param refillPerSecond tokens added per second: the sustained rate
 * @param dailyQuota requests per UTC day
 * @param monthlyQuota requests per UTC calendar month
 */
public record Plan(int capacity, int refillPerSecond, long dailyQuota, long monthlyQuota) {

    /** Keeps the Lua script's micro-token arithmetic well inside a double's exact integers (2^53). */
    public static final int MAX_RATE = 1_000_000;
    /** Lua numbers are doubles: counters stay exact far below 2^53 (~9e15). */
    public static final long MAX_QUOTA = 1_000_000_000_000L;

    public Plan {
        requireInRange("capacity", capacity, MAX_RATE);
        requireInRange("refillPerSecond", refillPerSecond, MAX_RATE);
        requireInRange("dailyQuota", dailyQuota, MAX_QUOTA);
        requireInRange("monthlyQuota", monthlyQuota, MAX_QUOTA);
    }

    private static void requireInRange(String name, long value, long max) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
        if (value > max) {
            throw new IllegalArgumentException(name + " must be <= " + max + ", but was " + value);
        }
    }
}
