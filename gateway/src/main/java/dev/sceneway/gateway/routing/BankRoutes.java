package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.ratelimit.PartnerRateLimitGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per configured bank: {@code /v1/banks/{bankId}/**} goes to that bank's product-apis with the path
 * and the {@code Authorization} header unchanged (product-apis verifies the token again), metered by the
 * partner's rate limit. A bank id without a route, or any other path, falls through to a 404.
 */
@Configuration(proxyBeanMethods = false)
class BankRoutes {

    static final String RATE_LIMIT_POLICY = "partner";

    @Bean
    RouteLocator bankRouteLocator(RouteLocatorBuilder builder, RoutingProperties properties,
            PartnerRateLimitGatewayFilterFactory partnerRateLimit) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        properties.banks().forEach((bankId, bank) -> routes.route("bank-" + bankId, route -> {
            var spec = route.path("/v1/banks/" + bankId + "/**")
                    .filters(filters -> filters.filter(partnerRateLimit.apply(c -> c.setPolicy(RATE_LIMIT_POLICY))));
            if (bank.responseTimeout() != null) {
                spec = spec.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, bank.responseTimeout().toMillis());
            }
            return spec.uri(bank.uri());
        }));
        return routes.build();
    }
}
