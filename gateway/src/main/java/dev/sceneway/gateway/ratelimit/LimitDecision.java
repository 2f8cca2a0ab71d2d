package dev.sceneway.gateway.ratelimit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a plan decided for one request.
 *
 * @param allowed whether the request was admitted (and counted)
 * @param hit the limit that refused it; null when allowed
 * @param remaining whole tokens left in the bucket after this request
 * @param microsUntilNextToken how long until at least one whole token is available (0 if one already is)
 * @param quotas the day and month counters; null when the decision was made without Redis (local fallback)
 */
record LimitDecision(boolean allowed, @Nullable Limit hit, long remaining, long microsUntilNextToken,
        @Nullable QuotaUsage quotas) {

    LimitDecision {
        if (remaining < 0 || microsUntilNextToken < 0) {
            throw new IllegalArgumentException(
                    "remaining and microsUntilNextToken must be >= 0, but were " + remaining + ", " + microsUntilNextToken);
        }
        if (allowed == (hit != null)) {
            throw new IllegalArgumentException("a decision names the limit hit exactly when it refuses");
        }
    }

    /**
     * Reads the reply of {@code plan_limit.lua}: {@code {allowed, hit, remaining, micros until next token, day count,
     * month count, seconds to day end, seconds to month end}}.
     */
    static LimitDecision fromScript(List<Long> reply) {
        if (reply.size() != 8) {
            throw new IllegalStateException("plan script returned " + reply.size() + " values, expected 8");
        }
        Limit hit = switch (reply.get(1).intValue()) {
            case 0 -> null;
            case 1 -> Limit.RATE;
            case 2 -> Limit.DAILY_QUOTA;
            case 3 -> Limit.MONTHLY_QUOTA;
            default -> throw new IllegalStateException("plan script returned unknown limit " + reply.get(1));
        };
        return new LimitDecision(reply.get(0) == 1L, hit, reply.get(2), reply.get(3),
                new QuotaUsage(reply.get(4), reply.get(5), reply.get(6), reply.get(7)));
    }

    /** Whole seconds until the next token, rounded up so a client that waits that long is admitted. */
    long secondsUntilNextToken() {
        return Math.ceilDiv(microsUntilNextToken, 1_000_000L);
    }

    /**
     * Requests counted against the quotas, and when they reset (UTC midnight, the first of the next month).
     *
     * @param day requests counted today, this one included when allowed
     * @param month requests counted this month
     * @param secondsToDayEnd until the daily quota resets
     * @param secondsToMonthEnd until the monthly quota resets
     */
    record QuotaUsage(long day, long month, long secondsToDayEnd, long secondsToMonthEnd) {
    }
}
