package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.tenancy.BankRoute;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * Extra filters for every bank route, after partner approval and rate limiting; a bean of this type is picked up
 * by {@link BankRoutes} at each route rebuild. Prefer a GlobalFilter keyed on the route metadata {@code bank}
 * when the filter does not need the route itself.
 */
public interface BankRouteFilters {

    List<GatewayFilter> filtersFor(BankRoute bank);
}
