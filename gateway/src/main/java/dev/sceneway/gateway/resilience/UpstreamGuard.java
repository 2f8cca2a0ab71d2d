package dev.sceneway.gateway.resilience;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.reactive.Deadlines;
import dev.sceneway.gateway.resilience.BankUpstreams.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Guards one call to a bank with the bank's Resilience4j instances ({@link BankUpstreams}), innermost first: time
 * limiter (504 {@code upstream-timeout}), bulkhead (503 {@code bulkhead-full}, never waits), circuit breaker (5xx
 * answers, timeouts and connection failures count as failures; 503 {@code circuit-open} while open), and a retry
 * of a GET or HEAD after a connection failure only. Shared by {@link UpstreamResilienceFilter} and the read lane, so
 * both paths of a bank share its circuit, bulkhead and metrics.
 */
@Component
public class UpstreamGuard {

    static final String REJECTED_METRIC = "sceneway.gateway.upstream.rejected";

    private final BankUpstreams upstreams;
    private final ResilienceProperties properties;
    private final MeterRegistry meters;
    private final Deadlines deadlines;

    UpstreamGuard(BankUpstreams upstreams, ResilienceProperties properties, MeterRegistry meters,
            Deadlines deadlines) {
        this.upstreams = upstreams;
        this.properties = properties;
        this.meters = meters;
        this.deadlines = deadlines;
    }

    /** Whether the resilience policy is on ({@code sceneway.gateway.resilience.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * Runs {@code attempt} (again, for a read after a connection failure) under the bank's policy. {@code status}
     * reads the bank's HTTP status from an attempt's result, 0 when the bank did not answer; {@code routeTimeout}
     * bounds the attempt unless the bank's policy sets its own timeout. Fails with {@link Refused} when the call
     * is not let through, and with a {@link ProblemException} {@code upstream-timeout} when the time limiter cut it.
     */
    public <T> Mono<T> call(String bank, HttpMethod method, Duration routeTimeout, Supplier<Mono<T>> attempt,
            ToIntFunction<T> status) {
        Upstream upstream = upstreams.of(bank);
        Duration timeout = timeout(upstream, routeTimeout);
        Mono<T> guarded = Mono.defer(() -> guarded(upstream, timeout, attempt, status));
        Mono<T> call = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                ? retried(guarded, upstream.policy(), 1)
                : guarded;
        return call.doOnError(Refused.class, refused -> count(upstream, refused.problem().slug()));
    }

    /**
     * A read tried again after a connection failure, up to the policy's attempts, each after its backoff: the
     * semantics of Resilience4j's {@code Retry}, without the {@code retryWhen} companion it sets up for every call.
     */
    private static <T> Mono<T> retried(Mono<T> guarded, ResilienceProperties.Policy policy, int attempt) {
        if (attempt >= policy.readAttempts()) {
            return guarded;
        }
        return guarded.onErrorResume(ConnectionFailures::isConnectionFailure,
                ex -> Mono.delay(policy.retryBackoff()).then(retried(guarded, policy, attempt + 1)));
    }

    /** The bound of one attempt at {@code bank}: its policy's timeout, else {@code routeTimeout}. */
    public Duration timeout(String bank, Duration routeTimeout) {
        return timeout(upstreams.of(bank), routeTimeout);
    }

    private static Duration timeout(Upstream upstream, Duration routeTimeout) {
        Duration own = upstream.policy().timeout();
        return own != null ? own : routeTimeout;
    }

    private <T> Mono<T> guarded(Upstream upstream, Duration timeout, Supplier<Mono<T>> attempt,
            ToIntFunction<T> status) {
        CircuitBreaker circuitBreaker = upstream.circuitBreaker();
        if (!circuitBreaker.tryAcquirePermission()) {
            long retryAfter = Math.max(1, upstream.policy().waitInOpenState().toSeconds());
            return Mono.error(new Refused(GatewayProblem.CIRCUIT_OPEN, "The bank's service behind this API has been "
                    + "failing, so calls to it are paused. Retry after " + retryAfter + " s.", retryAfter));
        }
        if (!upstream.bulkhead().tryAcquirePermission()) {
            circuitBreaker.releasePermission();
            return Mono.error(new Refused(GatewayProblem.BULKHEAD_FULL,
                    "Too many calls to the bank's service behind this API are in progress. Try again shortly.", 0));
        }
        long started = System.nanoTime();
        // The bank's time limiter, applied as Resilience4j's TimeLimiterOperator does, with a cheaper deadline.
        TimeLimiter timeLimiter = upstreams.timeLimiter(upstream.bank(), timeout);
        return deadlines.within(attempt.get(), timeout, "The bank")
                .doOnSuccess(result -> timeLimiter.onSuccess())
                .doOnError(timeLimiter::onError)
                .doOnNext(result -> record(circuitBreaker, started, status.applyAsInt(result)))
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
    private static void record(CircuitBreaker circuitBreaker, long started, int status) {
        long elapsed = System.nanoTime() - started;
        if (status >= 500) {
            circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new BankServerError(status));
        } else {
            circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    private void count(Upstream upstream, String reason) {
        meters.counter(REJECTED_METRIC, "bank", upstream.bank(), "reason", reason).increment();
    }

    /**
     * The gateway refused the call before it reached the bank: the problem to answer with, and for
     * {@code circuit-open} the {@code Retry-After} seconds (0: no such header).
     */
    public static final class Refused extends RuntimeException {

        private final GatewayProblem problem;
        private final String detail;
        private final long retryAfterSeconds;

        Refused(GatewayProblem problem, String detail, long retryAfterSeconds) {
            super(problem.slug(), null, false, false);
            this.problem = problem;
            this.detail = detail;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public GatewayProblem problem() {
            return problem;
        }

        public String detail() {
            return detail;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Recorded by the circuit breaker for a 5xx answer; never thrown. */
    static final class BankServerError extends RuntimeException {

        BankServerError(int status) {
            super("bank answered " + status, null, false, false);
        }
    }
}
