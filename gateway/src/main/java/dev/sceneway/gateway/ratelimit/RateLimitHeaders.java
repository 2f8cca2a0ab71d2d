package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.ratelimit.RateLimitProperties.Plan;
import org.springframework.http.HttpHeaders;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers (§4, §5),
 * mapped onto a token bucket, which has no fixed window:
 * <ul>
 * <li>{@code q} (quota) = the bucket capacity, the largest burst;</li>
 * <li>{@code w} (window, seconds) = the time an empty bucket takes to refill, {@code ceil(capacity / refill)},
 * so {@code q/w} is the sustained rate;</li>
 * <li>{@code r} (remaining) = whole tokens left after this request;</li>
 * <li>{@code t} (reset, seconds) = when the next request will be admitted: 0 while {@code r >= 1}, otherwise
 * the wait for the next token, rounded up. The bucket never "resets" as a whole, so this is the reset a
 * client can act on.</li>
 * </ul>
 * A 429 also carries {@code Retry-After} (RFC 9110 §10.2.3) with the same wait, at least 1 second.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String LIMIT = "RateLimit";

    private RateLimitHeaders() {
    }

    static String policy(String policyName, Plan plan) {
        long window = Math.ceilDiv(plan.capacity(), plan.refillPerSecond());
        return "\"" + policyName + "\";q=" + plan.capacity() + ";w=" + window;
    }

    static String limit(String policyName, BucketDecision decision) {
        long reset = decision.remaining() >= 1 ? 0 : decision.secondsUntilNextToken();
        return "\"" + policyName + "\";r=" + decision.remaining() + ";t=" + reset;
    }

    static long retryAfterSeconds(BucketDecision decision) {
        return Math.max(1, decision.secondsUntilNextToken());
    }

    static void apply(HttpHeaders headers, String policyName, Plan plan, BucketDecision decision) {
        headers.set(POLICY, policy(policyName, plan));
        headers.set(LIMIT, limit(policyName, decision));
    }
}
