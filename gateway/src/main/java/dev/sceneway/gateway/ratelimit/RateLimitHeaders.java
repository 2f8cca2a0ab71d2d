package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.tenancy.Plan;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.springframework.http.HttpHeaders;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers (-11, §3 and
 * §4): each a Structured Fields List with one item per policy of the plan, named {@code "<policy>"} (the token
 * bucket), {@code "<policy>-day"} and {@code "<policy>-month"} (the quotas):
 * <ul>
 * <li>bucket: {@code q} = capacity, the largest burst; {@code w} = the seconds an empty bucket takes to refill,
 * {@code ceil(capacity / refill)}, so {@code q/w} is the sustained rate; {@code r} = whole tokens left; {@code t}
 * = 0 while {@code r >= 1}, else the wait for the next token, rounded up (a bucket never resets as a whole);</li>
 * <li>quotas: {@code q} = the quota; {@code w} = 86400 or the seconds of this UTC month; {@code r} = what is left;
 * {@code t} = the seconds until UTC midnight or the first of next month.</li>
 * </ul>
 * While the local fallback meters a request (Redis away) only the bucket item is sent: the quotas are unknown.
 * A 429 also carries {@code Retry-After} (RFC 9110 §10.2.3) with the wait for the limit hit, at least 1 second.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String LIMIT = "RateLimit";
    private static final long DAY_SECONDS = 86_400;

    private RateLimitHeaders() {
    }

    static String policy(String name, Plan plan) {
        long window = Math.ceilDiv(plan.capacity(), plan.refillPerSecond());
        long monthSeconds = YearMonth.now(ZoneOffset.UTC).lengthOfMonth() * DAY_SECONDS;
        return item(name) + ";q=" + plan.capacity() + ";w=" + window
                + ", " + item(name + "-day") + ";q=" + plan.dailyQuota() + ";w=" + DAY_SECONDS
                + ", " + item(name + "-month") + ";q=" + plan.monthlyQuota() + ";w=" + monthSeconds;
    }

    /** Only the bucket item: for decisions made without the quota counters. */
    static String bucketPolicy(String name, Plan plan) {
        return item(name) + ";q=" + plan.capacity() + ";w=" + Math.ceilDiv(plan.capacity(), plan.refillPerSecond());
    }

    static String limit(String name, Plan plan, LimitDecision decision) {
        long reset = decision.remaining() >= 1 ? 0 : decision.secondsUntilNextToken();
        String bucket = item(name) + ";r=" + decision.remaining() + ";t=" + reset;
        LimitDecision.QuotaUsage quotas = decision.quotas();
        if (quotas == null) {
            return bucket;
        }
        return bucket
                + ", " + item(name + "-day") + ";r=" + Math.max(0, plan.dailyQuota() - quotas.day())
                + ";t=" + quotas.secondsToDayEnd()
                + ", " + item(name + "-month") + ";r=" + Math.max(0, plan.monthlyQuota() - quotas.month())
                + ";t=" + quotas.secondsToMonthEnd();
    }

    /** The wait a refused partner should observe for the limit that refused it, at least 1 second. */
    static long retryAfterSeconds(LimitDecision decision) {
        LimitDecision.QuotaUsage quotas = decision.quotas();
        long wait = decision.hit() == Limit.DAILY_QUOTA && quotas != null ? quotas.secondsToDayEnd()
                : decision.hit() == Limit.MONTHLY_QUOTA && quotas != null ? quotas.secondsToMonthEnd()
                : decision.secondsUntilNextToken();
        return Math.max(1, wait);
    }

    static void apply(HttpHeaders headers, String name, Plan plan, LimitDecision decision) {
        headers.set(POLICY, decision.quotas() == null ? bucketPolicy(name, plan) : policy(name, plan));
        headers.set(LIMIT, limit(name, plan, decision));
    }

    private static String item(String name) {
        return "\"" + name + "\"";
    }
}
