package dev.sceneway.gateway.resilience;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.resilience.BankUpstreams.Upstream;
import dev.sceneway.gateway.routing.RouteFacts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
    static final String REJECTED_METRIC = "sceneway.gateway.upstream.rejected";
    /** Route metadata that turns the resilience policy off for one route ({@code false}). */
    static final String ROUTE_SWITCH = "resilience";

    private static final Logger log = LoggerFactory.getLogger(UpstreamResilienceFilter.class);

    private final BankUpstreams upstreams;
    private final ResilienceProperties properties;
    private final RouteFacts routes;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    UpstreamResilienceFilter(BankUpstreams upstreams, ResilienceProperties properties, RouteFacts routes,
            ProblemResponses problems, MeterRegistry meters) {
        this.upstreams = upstreams;
        this.properties = properties;
        this.routes = routes;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String bank = properties.enabled() ? RouteFacts.bank(exchange).orElse(null) : null;
        boolean routeOptedOut = RouteFacts.route(exchange)
                .map(route -> "false".equals(String.valueOf(route.getMetadata().get(ROUTE_SWITCH))))
                .orElse(false);
        if (bank == null || routeOptedOut) {
            return chain.filter(exchange);
        }
        Upstream upstream = upstreams.of(bank);
        Duration timeout = upstream.policy().timeout() != null ? upstream.policy().timeout()
                : routes.responseTimeout(exchange);
        Mono<Void> attempt = Mono.defer(() -> {
            // A new attempt must route again (SCG's own Retry filter does the same).
            ServerWebExchangeUtils.reset(exchange);
            return guarded(exchange, chain, upstream, timeout);
        });
        HttpMethod method = exchange.getRequest().getMethod();
        Mono<Void> call = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                ? attempt.transformDeferred(RetryOperator.of(upstream.reads()))
                : attempt;
        return call.onErrorResume(Refused.class, refused -> refuse(exchange, upstream, refused));
    }

    private Mono<Void> guarded(ServerWebExchange exchange, GatewayFilterChain chain, Upstream upstream,
            Duration timeout) {
        CircuitBreaker circuitBreaker = upstream.circuitBreaker();
        if (!circuitBreaker.tryAcquirePermission()) {
            return Mono.error(new Refused(GatewayProblem.CIRCUIT_OPEN));
        }
        if (!upstream.bulkhead().tryAcquirePermission()) {
            circuitBreaker.releasePermission();
            return Mono.error(new Refused(GatewayProblem.BULKHEAD_FULL));
        }
        long started = System.nanoTime();
        return chain.filter(exchange)
                .transformDeferred(TimeLimiterOperator.of(upstreams.timeLimiter(upstream.bank(), timeout)))
                .doOnSuccess(done -> record(exchange, circuitBreaker, started))
                .doOnError(ex -> circuitBreaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex))
                .doOnCancel(circuitBreaker::releasePermission)
                .doFinally(signal -> upstream.bulkhead().onComplete())
                .onErrorMap(TimeoutException.class, ex -> {
                    count(upstream, "timeout");
                    return new ProblemException(GatewayProblem.UPSTREAM_TIMEOUT,
                            "The bank's service behind this API did not answer in time. Try again later.", ex);
                });
    }

    /** A bank's 5xx answer is a failure of the bank even though the call itself completed. */
    private static void record(ServerWebExchange exchange, CircuitBreaker circuitBreaker, long started) {
        long elapsed = System.nanoTime() - started;
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        boolean answered = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR) != null;
        if (answered && status != null && status.is5xxServerError()) {
            circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new BankServerError(status.value()));
        } else {
            circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Upstream upstream, Refused refused) {
        count(upstream, refused.problem.slug());
        log.debug("{}Call to bank {} refused: {}", exchange.getLogPrefix(), upstream.bank(), refused.problem.slug());
        if (refused.problem == GatewayProblem.CIRCUIT_OPEN) {
            long retryAfter = Math.max(1, upstream.policy().waitInOpenState().toSeconds());
            return problems.write(exchange, refused.problem,
                    "The bank's service behind this API has been failing, so calls to it are paused. Retry after "
                            + retryAfter + " s.",
                    headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
        }
        return problems.write(exchange, refused.problem,
                "Too many calls to the bank's service behind this API are in progress. Try again shortly.");
    }

    private void count(Upstream upstream, String reason) {
        meters.counter(REJECTED_METRIC, "bank", upstream.bank(), "reason", reason).increment();
    }

    /** The gateway refused the call before it reached the bank. */
    private static final class Refused extends RuntimeException {

        private final GatewayProblem problem;

        Refused(GatewayProblem problem) {
            super(problem.slug(), null, false, false);
            this.problem = problem;
        }
    }

    /** Recorded by the circuit breaker for a 5xx answer; never thrown. */
    static final class BankServerError extends RuntimeException {

        BankServerError(int status) {
            super("bank answered " + status, null, false, false);
        }
    }
}
