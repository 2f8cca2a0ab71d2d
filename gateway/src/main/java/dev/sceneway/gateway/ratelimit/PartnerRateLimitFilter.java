package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.ratelimit.RateLimitProperties.Plan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** One route's partner rate limit; see {@link PartnerRateLimitGatewayFilterFactory}. */
final class PartnerRateLimitFilter implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(PartnerRateLimitFilter.class);
    static final String UNAVAILABLE_METRIC = "sceneway.gateway.ratelimit.unavailable";
    private static final String KEY_PREFIX = "sceneway:ratelimit:";

    private final String policy;
    private final RedisTokenBucket bucket;
    private final RateLimitProperties plans;
    private final ProblemResponses problems;
    private final Counter timeouts;
    private final Counter errors;

    PartnerRateLimitFilter(String policy, RedisTokenBucket bucket, RateLimitProperties plans,
            ProblemResponses problems, MeterRegistry meters) {
        this.policy = policy;
        this.bucket = bucket;
        this.plans = plans;
        this.problems = problems;
        this.timeouts = unavailableCounter(meters, "timeout");
        this.errors = unavailableCounter(meters, "error");
    }

    private static Counter unavailableCounter(MeterRegistry meters, String reason) {
        return Counter.builder(UNAVAILABLE_METRIC)
                .description("Requests refused with 503 because the Redis rate limiter failed or timed out")
                .tag("reason", reason)
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return partnerOf(exchange).flatMap(partner -> {
            Plan plan = plans.planFor(partner);
            return bucket.take(KEY_PREFIX + policy + ":" + partner, plan)
                    // Only the limiter's own failures: errors of the upstream call below must not become 503s.
                    .onErrorMap(ex -> unavailable(exchange, partner, ex))
                    .flatMap(decision -> decision.allowed()
                            ? forward(exchange, chain, plan, decision)
                            : reject(exchange, partner, plan, decision));
        });
    }

    private Mono<String> partnerOf(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .mapNotNull(token -> token.getToken().getClaimAsString("client_id"))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "PartnerRateLimit needs an authenticated partner; is the route behind authentication?")));
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, Plan plan,
            BucketDecision decision) {
        RateLimitHeaders.apply(exchange.getResponse().getHeaders(), policy, plan, decision);
        return chain.filter(exchange);
    }

    private Mono<Void> reject(ServerWebExchange exchange, String partner, Plan plan, BucketDecision decision) {
        long retryAfter = RateLimitHeaders.retryAfterSeconds(decision);
        log.debug("{}Partner {} is over its {} plan; retry after {} s", exchange.getLogPrefix(), partner, policy,
                retryAfter);
        String detail = "Too many requests: your plan allows bursts of " + plan.capacity() + " and "
                + plan.refillPerSecond() + " request(s) per second after that. Retry after " + retryAfter + " s.";
        return problems.write(exchange, GatewayProblem.RATE_LIMITED, detail, headers -> {
            RateLimitHeaders.apply(headers, policy, plan, decision);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        });
    }

    private RateLimiterUnavailableException unavailable(ServerWebExchange exchange, String partner, Throwable ex) {
        boolean timedOut = ex instanceof TimeoutException;
        (timedOut ? timeouts : errors).increment();
        // CAUTION: fail closed. A Redis outage stops all metered traffic rather than letting it through unmetered.
        log.warn("{}Rate limiter unavailable for partner {} ({}): {}", exchange.getLogPrefix(), partner,
                timedOut ? "timeout" : "error", ex.toString());
        return new RateLimiterUnavailableException(ex);
    }

    @Override
    public String toString() {
        return GatewayToStringStyler.filterToStringCreator(this).append("policy", policy).toString();
    }
}
