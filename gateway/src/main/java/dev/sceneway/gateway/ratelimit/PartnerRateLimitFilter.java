package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.tenancy.FailurePolicy;
import dev.sceneway.gateway.tenancy.PartnerPlan;
import dev.sceneway.gateway.tenancy.Plan;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** One route's partner rate limit and quotas; see {@link PartnerRateLimitGatewayFilterFactory}. */
final class PartnerRateLimitFilter implements GatewayFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(PartnerRateLimitFilter.class);
    /** Runs right after partner approval (which finds the plan), before anything that talks to the bank. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;
    private static final String KEY_PREFIX = "sceneway:plan:";

    private final String policy;
    private final RedisTokenBucket bucket;
    private final LocalTokenBucket localBucket;
    private final ProblemResponses problems;
    private final RateLimitMetrics metrics;

    PartnerRateLimitFilter(String policy, RedisTokenBucket bucket, LocalTokenBucket localBucket,
            ProblemResponses problems, RateLimitMetrics metrics) {
        this.policy = policy;
        this.bucket = bucket;
        this.localBucket = localBucket;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PartnerPlan partnerPlan = exchange.getAttribute(PartnerPlan.ATTRIBUTE);
        if (partnerPlan == null) {
            // Approval is switched off and this partner has no plan here: nothing to meter against.
            return chain.filter(exchange);
        }
        String key = KEY_PREFIX + policy + ":" + partnerPlan.bank().id() + ":" + partnerPlan.partner();
        Plan plan = partnerPlan.plan();
        FailurePolicy onFailure = FailurePolicy.forRequest(exchange.getRequest().getMethod(), partnerPlan.bank());
        return bucket.take(key, plan)
                // Only the limiter's own failures: errors of the upstream call below must not become 503s.
                .onErrorResume(ex -> redisFailed(exchange, partnerPlan, key, onFailure, ex))
                .flatMap(decision -> decision.allowed()
                        ? forward(exchange, chain, plan, decision)
                        : reject(exchange, partnerPlan, decision));
    }

    private Mono<LimitDecision> redisFailed(ServerWebExchange exchange, PartnerPlan partnerPlan, String key,
            FailurePolicy onFailure, Throwable ex) {
        String reason = ex instanceof TimeoutException ? "timeout" : "error";
        if (onFailure == FailurePolicy.LOCAL_FALLBACK) {
            metrics.fallback(reason);
            log.debug("{}Rate limiter unavailable ({}): local fallback for {} at {}: {}", exchange.getLogPrefix(),
                    reason, partnerPlan.partner(), partnerPlan.bank().id(), ex.toString());
            return Mono.just(localBucket.take(key, partnerPlan.plan()));
        }
        metrics.refused(reason);
        // CAUTION: fail closed. A money-moving request is refused rather than forwarded unmetered.
        log.warn("{}Rate limiter unavailable ({}) for {} at {}; refused (fail closed): {}", exchange.getLogPrefix(),
                reason, partnerPlan.partner(), partnerPlan.bank().id(), ex.toString());
        return Mono.error(new RateLimiterUnavailableException(ex));
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, Plan plan,
            LimitDecision decision) {
        RateLimitHeaders.apply(exchange.getResponse().getHeaders(), policy, plan, decision);
        return chain.filter(exchange);
    }

    private Mono<Void> reject(ServerWebExchange exchange, PartnerPlan partnerPlan, LimitDecision decision) {
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
        log.debug("{}Partner {} is over its {} at {}; retry after {} s", exchange.getLogPrefix(),
                partnerPlan.partner(), hit.wireName(), bank, retryAfter);
        return problems.write(exchange, GatewayProblem.RATE_LIMITED, detail, headers -> {
            RateLimitHeaders.apply(headers, policy, plan, decision);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }, Map.of("limit", hit.wireName()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return GatewayToStringStyler.filterToStringCreator(this).append("policy", policy).toString();
    }
}
