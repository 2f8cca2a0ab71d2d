package dev.sceneway.gateway.metering;

import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;

/**
 * The banks the gateway currently routes to, refreshed whenever the routes are ({@link RefreshRoutesResultEvent}).
 * A call refused before routing (no token, wrong scope) is metered against the bank its path names only if that
 * bank exists: a scanner inventing bank ids must not create a usage row per invented id.
 */
final class KnownBanks implements ApplicationListener<RefreshRoutesResultEvent> {

    /** Route metadata naming a route's bank (the agreed key; route ids are {@code bank-<bankId>}). */
    static final String BANK_METADATA = "bank";
    static final String ROUTE_ID_PREFIX = "bank-";

    private static final Logger log = LoggerFactory.getLogger(KnownBanks.class);

    private volatile Set<String> banks = Set.of();

    @Override
    public void onApplicationEvent(RefreshRoutesResultEvent event) {
        if (!event.isSuccess() || !(event.getSource() instanceof RouteLocator routes)) {
            return;
        }
        routes.getRoutes()
                .mapNotNull(KnownBanks::bankOf)
                .collect(Collectors.toUnmodifiableSet())
                .subscribe(refreshed -> banks = refreshed,
                        ex -> log.warn("Cannot list the routes' banks for metering: {}", ex.toString()));
    }

    boolean contains(String bankId) {
        return banks.contains(bankId);
    }

    static @Nullable String bankOf(Route route) {
        if (route.getMetadata().get(BANK_METADATA) instanceof String bank && !bank.isBlank()) {
            return bank;
        }
        String id = route.getId();
        return id.startsWith(ROUTE_ID_PREFIX) && id.length() > ROUTE_ID_PREFIX.length()
                ? id.substring(ROUTE_ID_PREFIX.length())
                : null;
    }
}
