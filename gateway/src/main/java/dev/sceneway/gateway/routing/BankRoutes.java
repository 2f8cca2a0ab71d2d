package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.consent.ConsentProperties;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.ratelimit.PartnerLimiter;
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
 * <p>
 * The consents API of each bank, {@code /v1/banks/{bankId}/consents/**}, goes to the auth-server instead
 * ({@code sceneway.gateway.consents.uri}; route id {@code consents-<bankId>}, matched before the bank's route) with
 * the path and the {@code Authorization} and {@code DPoP} headers unchanged: the auth-server verifies the token
 * itself. It gets the bank route's partner approval and rate limit, and (as global filters keyed on the route's
 * {@code bank} metadata) idempotency, metering and identity headers; not the bank's circuit breaker (the
 * auth-server failing must not pause the bank) and not the consent check (a consent is what it creates).
 */
@Component
class BankRoutes implements RouteLocator {

    static final String RATE_LIMIT_POLICY = PartnerLimiter.BANK_ROUTE_POLICY;
    static final String CONSENTS_ROUTE_PREFIX = "consents-";
    /** Before the bank routes (order 0), whose {@code /**} also matches the consents paths. */
    static final int CONSENTS_ROUTE_ORDER = -1;
    /** Route metadata read by {@code resilience.UpstreamResilienceFilter}. */
    static final String RESILIENCE_SWITCH = "resilience";

    private final RouteLocatorBuilder builder;
    private final TenancyRefresher tenancy;
    private final TenancyProperties tenancyProperties;
    private final RateLimitProperties rateLimit;
    private final PartnerRateLimitGatewayFilterFactory partnerRateLimit;
    private final ProblemResponses problems;
    private final ObjectProvider<BankRouteFilters> extraFilters;
    private final ConsentProperties consents;

    BankRoutes(RouteLocatorBuilder builder, TenancyRefresher tenancy, TenancyProperties tenancyProperties,
            RateLimitProperties rateLimit, PartnerRateLimitGatewayFilterFactory partnerRateLimit,
            ProblemResponses problems, ObjectProvider<BankRouteFilters> extraFilters, ConsentProperties consents) {
        this.builder = builder;
        this.tenancy = tenancy;
        this.tenancyProperties = tenancyProperties;
        this.rateLimit = rateLimit;
        this.partnerRateLimit = partnerRateLimit;
        this.problems = problems;
        this.extraFilters = extraFilters;
        this.consents = consents;
    }

    @Override
    public Flux<Route> getRoutes() {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (BankRoute bank : tenancy.snapshot().banks().values()) {
            routes.route(CONSENTS_ROUTE_PREFIX + bank.id(), route -> route.order(CONSENTS_ROUTE_ORDER)
                    .path("/v1/banks/" + bank.id() + "/consents/**")
                    .filters(filters -> {
                        filters.filter(new PartnerApprovalFilter(bank.id(), tenancy, tenancyProperties, problems));
                        if (rateLimit.enabled()) {
                            filters.filter(partnerRateLimit.apply(c -> c.setPolicy(RATE_LIMIT_POLICY)));
                        }
                        return filters;
                    })
                    .metadata(BankRoute.BANK_METADATA, bank.id())
                    .metadata(RESILIENCE_SWITCH, false)
                    .uri(consents.uri()));
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
