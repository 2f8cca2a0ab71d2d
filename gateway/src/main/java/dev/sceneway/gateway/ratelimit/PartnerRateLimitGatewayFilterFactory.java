package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.problem.ProblemResponses;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * {@code PartnerRateLimit}: meters each partner (the access token's {@code client_id}) at a bank with its plan
 * there (token bucket, daily and monthly quota; found by tenancy's partner approval, which must run first). When
 * Redis fails or is slow the route's written failure policy applies (tenancy package): money-moving requests are
 * refused with 503 and never forwarded, unlike Spring Cloud Gateway's RedisRateLimiter, which lets them through;
 * reads may fall back to this replica's own bucket.
 * <p>
 * YAML: {@code filters: [PartnerRateLimit=partner]} or {@code {name: PartnerRateLimit, args: {policy: partner}}};
 * Java DSL: {@code f.filter(factory.apply(c -> c.setPolicy("partner")))}. Must sit behind authentication.
 */
@Component
public class PartnerRateLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<PartnerRateLimitGatewayFilterFactory.Config> {

    private final PartnerLimiter limiter;
    private final ProblemResponses problems;

    PartnerRateLimitGatewayFilterFactory(PartnerLimiter limiter, ProblemResponses problems) {
        super(Config.class);
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("policy");
    }

    @Override
    public GatewayFilter apply(Config config) {
        // YAML configs are validated by Spring Cloud Gateway's binder; Java DSL ones only here.
        config.validate();
        return new PartnerRateLimitFilter(config.getPolicy(), limiter, problems);
    }

    /** Which bucket family a route draws from. */
    @Validated
    public static class Config {

        static final String POLICY_PATTERN = "[a-z][a-z0-9-]{0,30}";

        /**
         * Names the policy in the RateLimit headers and in the Redis key, so routes with different policies
         * meter separately; routes sharing a policy share each partner's bucket.
         */
        @NotNull
        @Pattern(regexp = POLICY_PATTERN)
        private String policy = "partner";

        public String getPolicy() {
            return policy;
        }

        public Config setPolicy(String policy) {
            this.policy = policy;
            return this;
        }

        Config validate() {
            if (policy == null || !policy.matches(POLICY_PATTERN)) {
                throw new IllegalArgumentException(
                        "policy must match " + POLICY_PATTERN + ", but was '" + policy + "'");
            }
            return this;
        }
    }
}
