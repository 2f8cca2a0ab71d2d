package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.ratelimit.PartnerRateLimitGatewayFilterFactory;
import dev.sceneway.gateway.ratelimit.RateLimitProperties;
import dev.sceneway.gateway.tenancy.BankRoute;
import dev.sceneway.gateway.tenancy.PartnerApprovalFilter;
import dev.sceneway.gateway.tenancy.TenancyProperties;
import dev.sceneway.gateway.tenancy.TenancyRefresher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * One route per bank of the current tenancy snapshot: {@code /v1/banks/{bankId}/**} goes to that bank's
 * product-apis with the path and the {@code Authorization} header unchanged (product-apis verifies the token
 * again), admitted by the partner's approval and metered by its plan there. Route id {@code bank-<bankId>},
 * metadata {@code bank = <bankId>}. Spring Cloud Gateway caches the routes and calls {@link #getRoutes()} again
 * on each {@code RefreshRoutesEvent}, which the tenancy refresher publishes when the banks change. A bank id
 * without a route, or any other path, falls through to a 404.
 */
@Component
class BankRoutes implements RouteLocator {

    static final String RATE_LIMIT_POLICY = "partner";

    private final RouteLocatorBuilder builder;
    private final TenancyRefresher tenancy;
    private final TenancyProperties tenancyProperties;
    private final RateLimitProperties rateLimit;
    private final PartnerRateLimitGatewayFilterFactory partnerRateLimit;
    private final ProblemResponses problems;
    private final ObjectProvider<BankRouteFilters> extraFilters;

    BankRoutes(RouteLocatorBuilder builder, TenancyRefresher tenancy, TenancyProperties tenancyProperties,
            RateLimitProperties rateLimit, PartnerRateLimitGatewayFilterFactory partnerRateLimit,
            ProblemResponses problems, ObjectProvider<BankRouteFilters> extraFilters) {
        this.builder = builder;
        this.tenancy = tenancy;
        this.tenancyProperties = tenancyProperties;
        this.rateLimit = rateLimit;
        this.partnerRateLimit = partnerRateLimit;
        this.problems = problems;
        this.extraFilters = extraFilters;
    }

    @Override
    public Flux<Route> getRoutes() {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (BankRoute bank : tenancy.snapshot().banks().values()) {
            routes.route(bank.routeId(), route -> {
                var spec = route.path("/v1/banks/" + bank.id() + "/**")
                        .filters(filters -> {
                            filters.filter(new PartnerApprovalFilter(bank.id(), tenancy, tenancyProperties, problems));
                            if (rateLimit.enabled()) {
                                filters.filter(partnerRateLimit.apply(c -> c.setPolicy(RATE_LIMIT_POLICY)));
                            }
                            extraFilters.orderedStream()
                                    .flatMap(extra -> extra.filtersFor(bank).stream())
                                    .forEach(filters::filter);
                            return filters;
                        })
                        .metadata(BankRoute.BANK_METADATA, bank.id());
                if (bank.responseTimeout() != null) {
                    spec = spec.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, bank.responseTimeout().toMillis());
                }
                return spec.uri(bank.uri());
            });
        }
        return routes.build().getRoutes();
    }
}
