package dev.sceneway.gateway.tenancy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tenancy: how often the gateway re-reads banks and plans from PostgreSQL, whether partners need an approved
 * plan, and the plans to seed at startup.
 *
 * @param refreshInterval how often each replica reloads banks and plans into memory; a change applies within it
 * @param enforceApproval whether a partner without an active plan at the addressed bank gets 403 (off only for
 *        benchmarks of the bare gateway: then no plan, no limit)
 * @param seedPlans plans written at startup when the partner has none at that bank yet (the database wins over
 *        this seed, so an admin's change survives restarts): partner client_id → bank id → plan
 */
@ConfigurationProperties("sceneway.gateway.tenancy")
@Validated
public record TenancyProperties(
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("true") boolean enforceApproval,
        @DefaultValue Map<String, Map<String, @Valid @NotNull SeedPlan>> seedPlans) {

    public TenancyProperties {
        if (refreshInterval.compareTo(Duration.ofMillis(50)) < 0 || refreshInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("refreshInterval must be between 50ms and 1m, but was " + refreshInterval);
        }
        seedPlans = Map.copyOf(seedPlans);
    }

    /**
     * A seeded plan; unset values take the defaults below.
     *
     * @param capacity the bucket size: the largest burst
     * @param refillPerSecond tokens added per second
     * @param dailyQuota requests per UTC day
     * @param monthlyQuota requests per UTC month
     */
    public record SeedPlan(@DefaultValue("20") int capacity, @DefaultValue("10") int refillPerSecond,
            @DefaultValue("100000") long dailyQuota, @DefaultValue("2000000") long monthlyQuota) {

        public Plan toPlan() {
            return new Plan(capacity, refillPerSecond, dailyQuota, monthlyQuota);
        }
    }
}
