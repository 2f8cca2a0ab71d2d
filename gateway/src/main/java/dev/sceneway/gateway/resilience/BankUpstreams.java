package dev.sceneway.gateway.resilience;

import dev.sceneway.gateway.resilience.ResilienceProperties.Policy;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One set of Resilience4j instances per bank, created on the bank's first call from its {@link Policy}, so banks
 * added while the gateway runs get theirs too. The circuit breaker moves from open to half-open on the first call
 * after {@code waitInOpenState} (no timer threads); the bulkhead never waits (a reactive gateway must not block).
 */
@Component
class BankUpstreams {

    private static final Logger log = LoggerFactory.getLogger(BankUpstreams.class);

    private final ResilienceProperties properties;
    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private final Map<String, TimeLimiter> timeLimiters = new ConcurrentHashMap<>();

    static final String CIRCUIT_METRIC = "sceneway.gateway.upstream.circuit";

    private final MeterRegistry meters;

    BankUpstreams(ResilienceProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    /** A bank's instances. */
    record Upstream(String bank, Policy policy, CircuitBreaker circuitBreaker, Bulkhead bulkhead) {
    }

    Upstream of(String bank) {
        return upstreams.computeIfAbsent(bank, this::create);
    }

    /** One time limiter per bank and bound: the bound can come from the route, which may change at run time. */
    TimeLimiter timeLimiter(String bank, Duration timeout) {
        return timeLimiters.computeIfAbsent(bank + "/" + timeout.toMillis(), name -> TimeLimiter.of(name,
                TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build()));
    }

    CircuitBreaker.State state(String bank) {
        return of(bank).circuitBreaker().getState();
    }

    private Upstream create(String bank) {
        Policy policy = properties.forBank(bank);
        CircuitBreaker circuitBreaker = CircuitBreaker.of("bank-" + bank, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.slidingWindowSize())
                .minimumNumberOfCalls(policy.minimumNumberOfCalls())
                .failureRateThreshold(policy.failureRateThreshold())
                .waitDurationInOpenState(policy.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(policy.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit of bank {}: {}", bank,
                event.getStateTransition()));
        Gauge.builder(CIRCUIT_METRIC, circuitBreaker, cb -> cb.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the bank's circuit is open or half-open (calls refused or on trial), else 0")
                .tag("bank", bank)
                .register(meters);
        Bulkhead bulkhead = Bulkhead.of("bank-" + bank, BulkheadConfig.custom()
                .maxConcurrentCalls(policy.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        return new Upstream(bank, policy, circuitBreaker, bulkhead);
    }
}
