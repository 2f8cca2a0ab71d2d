package dev.sceneway.gateway.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Seeds {@code sceneway.gateway.tenancy.seed-plans}: only where the partner has no plan at that bank yet. */
@Component
@Order(TenancySeed.PLANS)
class PlanSeed implements TenancySeed {

    private static final Logger log = LoggerFactory.getLogger(PlanSeed.class);

    private final TenancyProperties properties;

    PlanSeed(TenancyProperties properties) {
        this.properties = properties;
    }

    @Override
    public void seed(TenancyStore store) {
        properties.seedPlans().forEach((partner, byBank) -> byBank.forEach((bankId, seed) -> {
            if (store.bank(bankId).isEmpty()) {
                throw new IllegalStateException("sceneway.gateway.tenancy.seed-plans." + partner + "." + bankId
                        + " names a bank that is neither configured nor in the database");
            }
            store.seedPlan(partner, bankId, seed.toPlan());
            log.debug("Seeded plan of {} at {} (unless it had one)", partner, bankId);
        }));
    }
}
