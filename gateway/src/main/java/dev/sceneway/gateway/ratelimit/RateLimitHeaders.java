package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.tenancy.Plan;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers (-11, §3 and
 * §4). A plan has three policies, {@code "<name>"} (the token bucket), {@code "<name>-day"} and
 * {@code "<name>-month"} (the quotas); the draft lets a server report any of them, and the contract (common.yaml)
 * has one item per field, so both fields report the policy closest to running out (fewest requests left; a tie
 * goes to the bucket, then the day), and on a 429 the policy that refused the call:
 * <ul>
 * <li>bucket: {@code q} = capacity, the largest burst; {@code w} = the seconds an empty bucket takes to refill,
 * {@code ceil(capacity / refill)}, so {@code q/w} is the sustained rate; {@code r} = whole tokens left; {@code t}
 * = 0 while {@code r >= 1}, else the wait for the next token, rounded up (a bucket never resets as a whole);</li>
 * <li>quotas: {@code q} = the quota; {@code w} = 86400 or the seconds of this UTC month; {@code r} = what is left;
 * {@code t} = the seconds until UTC midnight or the first of next month.</li>
 * </ul>
 * While the local fallback meters a request (Redis away) the quotas are unknown: the bucket is reported.
 * A 429 also carries {@code Retry-After} (RFC 9110 §10.2.3) with the wait for the limit hit, at least 1 second.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String LIMIT = "RateLimit";
    private static final long DAY_SECONDS = 86_400;

    private RateLimitHeaders() {
    }

    /** The policy a response reports on. */
    static Limit reported(Plan plan, LimitDecision decision) {
        if (decision.hit() != null) {
            return decision.hit();
        }
        LimitDecision.QuotaUsage quotas = decision.quotas();
        if (quotas == null) {
            return Limit.RATE;
        }
        long day = plan.dailyQuota() - quotas.day();
        long month = plan.monthlyQuota() - quotas.month();
        if (decision.remaining() <= day && decision.remaining() <= month) {
            return Limit.RATE;
        }
        return day <= month ? Limit.DAILY_QUOTA : Limit.MONTHLY_QUOTA;
    }

    static String policy(String name, Plan plan, Limit limit) {
        return switch (limit) {
            case RATE -> item(name) + ";q=" + plan.capacity() + ";w=" + Math.ceilDiv(plan.capacity(), plan.refillPerSecond());
            case DAILY_QUOTA -> item(name + "-day") + ";q=" + plan.dailyQuota() + ";w=" + DAY_SECONDS;
            case MONTHLY_QUOTA -> item(name + "-month") + ";q=" + plan.monthlyQuota() + ";w="
                    + YearMonth.now(ZoneOffset.UTC).lengthOfMonth() * DAY_SECONDS;
        };
    }

    static String limit(String name, Plan plan, LimitDecision decision, Limit limit) {
        LimitDecision.@Nullable QuotaUsage quotas = decision.quotas();
        if (limit == Limit.RATE || quotas == null) {
            long reset = decision.remaining() >= 1 ? 0 : decision.secondsUntilNextToken();
            return item(name) + ";r=" + decision.remaining() + ";t=" + reset;
        }
        return limit == Limit.DAILY_QUOTA
                ? item(name + "-day") + ";r=" + Math.max(0, plan.dailyQuota() - quotas.day())
                        + ";t=" + quotas.secondsToDayEnd()
                : item(name + "-month") + ";r=" + Math.max(0, plan.monthlyQuota() - quotas.month())
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
        Limit reported = reported(plan, decision);
        headers.set(POLICY, policy(name, plan, reported));
        headers.set(LIMIT, limit(name, plan, decision, reported));
    }

    private static String item(String name) {
        return "\"" + name + "\"";
    }
}
