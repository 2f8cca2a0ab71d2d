package dev.sceneway.gateway.readlane;

import dev.sceneway.gateway.consent.ConsentGate;
import dev.sceneway.gateway.edge.EdgeRules;
import dev.sceneway.gateway.metering.CallRecorder;
import dev.sceneway.gateway.problem.GatewayErrorWebExceptionHandler;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.ratelimit.PartnerLimiter;
import dev.sceneway.gateway.ratelimit.RateLimitProperties;
import dev.sceneway.gateway.reactive.Deadlines;
import dev.sceneway.gateway.resilience.UpstreamGuard;
import dev.sceneway.gateway.routing.RouteFacts;
import dev.sceneway.gateway.security.AccessTokens;
import dev.sceneway.gateway.tenancy.TenancyProperties;
import dev.sceneway.gateway.tenancy.TenancyRefresher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Puts the read lane in front of the public port's WebFlux handler as a Reactor Netty route (Boot's
 * {@code NettyRouteProvider}, matched before the handler); it passes every request it does not take to that same
 * handler, so the port, its connections and everything else on it stay as they were. On by default
 * ({@code sceneway.gateway.read-lane.enabled}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sceneway.gateway.read-lane.enabled", matchIfMissing = true)
class ReadLaneConfiguration {

    @Bean(destroyMethod = "dispose")
    BankClient readLaneBankClient(ReadLaneProperties properties, RouteFacts routes) {
        return new BankClient(properties.maxConnections(), routes.connectTimeoutMillis());
    }

    @Bean
    ReadLane readLane(TenancyRefresher tenancy, TenancyProperties tenancyProperties, RateLimitProperties rateLimit,
            EdgeRules edge, AccessTokens tokens, PartnerLimiter limiter, ConsentGate consents, UpstreamGuard guard,
            RouteFacts routes, CallRecorder recorder, ProblemResponses problems,
            GatewayErrorWebExceptionHandler errors, BankClient readLaneBankClient, Deadlines deadlines,
            HttpHandler httpHandler, MeterRegistry meters) {
        ReactorHttpHandlerAdapter filterChain = new ReactorHttpHandlerAdapter(httpHandler);
        return new ReadLane(tenancy, tenancyProperties, rateLimit, edge, tokens, limiter, consents, guard, routes,
                recorder, problems, errors, readLaneBankClient, deadlines, filterChain::apply, meters);
    }

    /**
     * The route is registered when the server is created, before most beans exist, so it finds the lane on the first
     * request; the public port's factory only (the management port has a factory of its own).
     */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> readLaneRoute(ObjectProvider<ReadLane> lane) {
        return factory -> factory.addRouteProviders(routes -> routes.route(
                (HttpServerRequest request) -> lane.getObject().isCandidate(request),
                (request, response) -> Mono.defer(() -> Mono.from(lane.getObject().apply(request, response)))));
    }
}
