package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.tenancy.TenancySeed;
import dev.sceneway.gateway.tenancy.TenancyStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Writes {@code sceneway.gateway.banks.*} into the {@code bank} table at startup: for these banks config wins. */
@Component
@Order(TenancySeed.BANKS)
class ConfiguredBankSeed implements TenancySeed {

    private final RoutingProperties properties;

    ConfiguredBankSeed(RoutingProperties properties) {
        this.properties = properties;
    }

    @Override
    public void seed(TenancyStore store) {
        properties.banks().forEach((id, bank) -> store.saveBank(bank.toRoute(id)));
    }
}
