package dev.sceneway.gateway.tenancy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the request path needs from the tenancy tables, immutable, replaced as a whole by each refresh.
 *
 * @param banks routes by bank id
 * @param plans active plans by {@link #key(String, String)}
 */
public record TenancySnapshot(Map<String, BankRoute> banks, Map<String, Plan> plans) {

    static final TenancySnapshot EMPTY = new TenancySnapshot(Map.of(), Map.of());

    public TenancySnapshot {
        banks = Map.copyOf(banks);
        plans = Map.copyOf(plans);
    }

    public @Nullable Plan plan(String partner, String bankId) {
        return plans.get(key(partner, bankId));
    }

    static String key(String partner, String bankId) {
        // Bank ids cannot contain '/', so the key is unambiguous.
        return bankId + "/" + partner;
    }
}
