package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.tenancy.PartnerPlan;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** One route's partner rate limit and quotas ({@link PartnerLimiter}); see {@link PartnerRateLimitGatewayFilterFactory}. */
final class PartnerRateLimitFilter implements GatewayFilter, Ordered {

    /** Runs right after partner approval (which finds the plan), before anything that talks to the bank. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

    private final String policy;
    private final PartnerLimiter limiter;
    private final ProblemResponses problems;

    PartnerRateLimitFilter(String policy, PartnerLimiter limiter, ProblemResponses problems) {
        this.policy = policy;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PartnerPlan partnerPlan = exchange.getAttribute(PartnerPlan.ATTRIBUTE);
        if (partnerPlan == null) {
            // Approval is switched off and this partner has no plan here: nothing to meter against.
            return chain.filter(exchange);
        }
        // Only the limiter's own failures surface from take(): errors of the upstream call below stay theirs.
        return limiter.take(policy, partnerPlan, exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath().value(), exchange.getLogPrefix())
                .flatMap(outcome -> {
                    if (!outcome.allowed()) {
                        return problems.write(exchange, outcome.refusal());
                    }
                    outcome.applyHeaders(exchange.getResponse().getHeaders());
                    return chain.filter(exchange);
                });
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
