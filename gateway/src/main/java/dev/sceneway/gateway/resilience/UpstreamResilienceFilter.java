package dev.sceneway.gateway.resilience;

import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.routing.RouteFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Guards every call to a bank with the bank's Resilience4j instances ({@link BankUpstreams}), innermost first:
 * <ol>
 * <li>time limiter: the call must have the bank's response headers within the policy's timeout (default: the
 * route's response timeout, so both bounds agree) or it is cancelled: 504 {@code upstream-timeout};</li>
 * <li>bulkhead: at most {@code maxConcurrentCalls} calls in progress per bank; one more is refused at once: 503
 * {@code bulkhead-full};</li>
 * <li>circuit breaker: 5xx answers, timeouts and connection failures count as failures (4xx are the partner's,
 * not the bank's); when the failure rate opens the circuit, calls are refused without touching the bank (503
 * {@code circuit-open} with {@code Retry-After}) until trial calls show the bank has recovered;</li>
 * <li>retry: only a GET or HEAD, only after a connection failure (refused, reset, closed before the response),
 * never after a timeout or an answer. A POST is never sent twice by the gateway.</li>
 * </ol>
 * The bank's own 5xx answers pass through unchanged (they are the bank's problem+json); every refusal of the
 * gateway is its own problem, never an exception message or an internal address.
 * <p>
 * Ordered just before {@link NettyRoutingFilter}, so that a retry only sends the request again.
 */
@Component
class UpstreamResilienceFilter implements GlobalFilter, Ordered {

    static final int ORDER = NettyRoutingFilter.ORDER - 10;
    /** Route metadata that turns the resilience policy off for one route ({@code false}). */
    static final String ROUTE_SWITCH = "resilience";

    private static final Logger log = LoggerFactory.getLogger(UpstreamResilienceFilter.class);

    private final UpstreamGuard guard;
    private final RouteFacts routes;
    private final ProblemResponses problems;

    UpstreamResilienceFilter(UpstreamGuard guard, RouteFacts routes, ProblemResponses problems) {
        this.guard = guard;
        this.routes = routes;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String bank = guard.enabled() ? RouteFacts.bank(exchange).orElse(null) : null;
        boolean routeOptedOut = RouteFacts.route(exchange)
                .map(route -> "false".equals(String.valueOf(route.getMetadata().get(ROUTE_SWITCH))))
                .orElse(false);
        if (bank == null || routeOptedOut) {
            return chain.filter(exchange);
        }
        return guard.call(bank, exchange.getRequest().getMethod(), routes.responseTimeout(exchange), () -> {
                    // A new attempt must route again (SCG's own Retry filter does the same).
                    ServerWebExchangeUtils.reset(exchange);
                    return chain.filter(exchange).then(Mono.fromSupplier(() -> answeredStatus(exchange)));
                }, Integer::intValue)
                .then()
                .onErrorResume(UpstreamGuard.Refused.class, refused -> refuse(exchange, bank, refused));
    }

    /** The bank's status once the call completed, 0 when the bank did not answer. */
    private static int answeredStatus(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        boolean answered = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR) != null;
        return answered && status != null ? status.value() : 0;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String bank, UpstreamGuard.Refused refused) {
        log.debug("{}Call to bank {} refused: {}", exchange.getLogPrefix(), bank, refused.problem().slug());
        return problems.write(exchange, refused.problem(), refused.detail(), headers -> {
            if (refused.retryAfterSeconds() > 0) {
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
            }
        });
    }
}
