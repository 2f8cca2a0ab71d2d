package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.tenancy.FailurePolicy;
import dev.sceneway.gateway.tenancy.PartnerPlan;
import dev.sceneway.gateway.tenancy.Plan;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Meters one request against the partner's plan at a bank: the Redis bucket and quotas in one round trip, and when
 * Redis fails or is slow the request's written failure policy (tenancy package): a money-moving request fails with
 * {@link RateLimiterUnavailableException} (503, never forwarded), a read falls back to this replica's own bucket.
 * Shared by the {@code PartnerRateLimit} route filter and the read lane, so both meter alike and share one local
 * bucket per replica.
 */
@Component
public class PartnerLimiter {

    /** The policy every bank route meters with (its name in the RateLimit headers and the Redis keys). */
    public static final String BANK_ROUTE_POLICY = "partner";

    private static final Logger log = LoggerFactory.getLogger(PartnerLimiter.class);
    private static final String KEY_PREFIX = "sceneway:plan:";

    private final RedisTokenBucket bucket;
    private final LocalTokenBucket localBucket;
    private final ProblemResponses problems;
    private final RateLimitMetrics metrics;

    PartnerLimiter(RedisTokenBucket bucket, RateLimitProperties properties, ProblemResponses problems,
            RateLimitMetrics metrics) {
        this.bucket = bucket;
        // One per replica, shared by all routes and kept across route rebuilds.
        this.localBucket = new LocalTokenBucket(properties.localFallbackBuckets(), System::nanoTime);
        this.problems = problems;
        this.metrics = metrics;
    }

    /** The limiter's answer for one request: go on (with the headers to send) or the 429 to send instead. */
    public static final class Outcome {

        private final String policy;
        private final Plan plan;
        private final LimitDecision decision;
        private final ProblemResponses.@Nullable Rendered refusal;

        private Outcome(String policy, Plan plan, LimitDecision decision, ProblemResponses.@Nullable Rendered refusal) {
            this.policy = policy;
            this.plan = plan;
            this.decision = decision;
            this.refusal = refusal;
        }

        public boolean allowed() {
            return refusal == null;
        }

        /** The {@code RateLimit} and {@code RateLimit-Policy} fields of an allowed request's response. */
        public void applyHeaders(HttpHeaders headers) {
            RateLimitHeaders.apply(headers, policy, plan, decision);
        }

        /** The 429 of a refused request (its headers included). */
        public ProblemResponses.Rendered refusal() {
            if (refusal == null) {
                throw new IllegalStateException("the request was allowed");
            }
            return refusal;
        }
    }

    /**
     * Takes one request from {@code partnerPlan} under {@code policy}; fails only for a money-moving request while
     * Redis is unavailable. {@code path} is the problem's {@code instance}, {@code logPrefix} the request's.
     */
    public Mono<Outcome> take(String policy, PartnerPlan partnerPlan, HttpMethod method, String path,
            String logPrefix) {
        String key = KEY_PREFIX + policy + ":" + partnerPlan.bank().id() + ":" + partnerPlan.partner();
        Plan plan = partnerPlan.plan();
        FailurePolicy onFailure = FailurePolicy.forRequest(method, partnerPlan.bank());
        return bucket.take(key, plan)
                .onErrorResume(ex -> redisFailed(logPrefix, partnerPlan, key, onFailure, ex))
                .map(decision -> decision.allowed()
                        ? new Outcome(policy, plan, decision, null)
                        : new Outcome(policy, plan, decision, reject(policy, partnerPlan, decision, path, logPrefix)));
    }

    private Mono<LimitDecision> redisFailed(String logPrefix, PartnerPlan partnerPlan, String key,
            FailurePolicy onFailure, Throwable ex) {
        String reason = ex instanceof TimeoutException ? "timeout" : "error";
        if (onFailure == FailurePolicy.LOCAL_FALLBACK) {
            metrics.fallback(reason);
            log.debug("{}Rate limiter unavailable ({}): local fallback for {} at {}: {}", logPrefix, reason,
                    partnerPlan.partner(), partnerPlan.bank().id(), ex.toString());
            return Mono.just(localBucket.take(key, partnerPlan.plan()));
        }
        metrics.refused(reason);
        // CAUTION: fail closed. A money-moving request is refused rather than forwarded unmetered.
        log.warn("{}Rate limiter unavailable ({}) for {} at {}; refused (fail closed): {}", logPrefix, reason,
                partnerPlan.partner(), partnerPlan.bank().id(), ex.toString());
        return Mono.error(new RateLimiterUnavailableException(ex));
    }

    private ProblemResponses.Rendered reject(String policy, PartnerPlan partnerPlan, LimitDecision decision,
            String path, String logPrefix) {
        Plan plan = partnerPlan.plan();
        long retryAfter = RateLimitHeaders.retryAfterSeconds(decision);
        Limit hit = decision.hit() == null ? Limit.RATE : decision.hit();
        String bank = partnerPlan.bank().id();
        String detail = switch (hit) {
            case RATE -> "Too many requests: your plan at bank '" + bank + "' allows bursts of " + plan.capacity()
                    + " and " + plan.refillPerSecond() + " request(s) per second after that.";
            case DAILY_QUOTA -> "Daily quota used up: your plan at bank '" + bank + "' allows " + plan.dailyQuota()
                    + " requests per day (UTC).";
            case MONTHLY_QUOTA -> "Monthly quota used up: your plan at bank '" + bank + "' allows "
                    + plan.monthlyQuota() + " requests per calendar month (UTC).";
        } + " Retry after " + retryAfter + " s.";
        log.debug("{}Partner {} is over its {} at {}; retry after {} s", logPrefix, partnerPlan.partner(),
                hit.wireName(), bank, retryAfter);
        return problems.render(GatewayProblem.RATE_LIMITED, detail, path, headers -> {
            RateLimitHeaders.apply(headers, policy, plan, decision);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }, Map.of("limit", hit.wireName()));
    }
}
