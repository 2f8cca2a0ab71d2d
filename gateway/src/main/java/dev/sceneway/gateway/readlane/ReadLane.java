package dev.sceneway.gateway.readlane;

import dev.sceneway.gateway.consent.ConsentGate;
import dev.sceneway.gateway.edge.EdgeRules;
import dev.sceneway.gateway.interaction.InteractionIdWebFilter;
import dev.sceneway.gateway.metering.CallRecord;
import dev.sceneway.gateway.metering.CallRecorder;
import dev.sceneway.gateway.problem.GatewayErrorWebExceptionHandler;
import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.ratelimit.PartnerLimiter;
import dev.sceneway.gateway.ratelimit.RateLimitProperties;
import dev.sceneway.gateway.reactive.Deadlines;
import dev.sceneway.gateway.resilience.UpstreamGuard;
import dev.sceneway.gateway.routing.RouteFacts;
import dev.sceneway.gateway.security.AccessTokens;
import dev.sceneway.gateway.tenancy.BankRoute;
import dev.sceneway.gateway.tenancy.PartnerPlan;
import dev.sceneway.gateway.tenancy.Plan;
import dev.sceneway.gateway.tenancy.TenancyProperties;
import dev.sceneway.gateway.tenancy.TenancyRefresher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers a {@link LaneRequest} with the filter chain's policies in the filter chain's order, on Reactor Netty:
 * <ol>
 * <li>without side effects, so that any refusal can still go to the filter chain, which answers it as always: the
 * token's signature and claims (verified once, then cached), the scope rule, the partner's approval at the bank,
 * then the DPoP binding and proof, whose replay check records the proof and comes last;</li>
 * <li>then, answered here: the plan's limit and quotas (one Redis call; reads fall back to the local bucket when
 * Redis fails), the consent, the bank's circuit breaker, bulkhead, timeout and read retry, the call itself with the
 * edge's header rules, the identity and forwarded headers, and the response with the interaction id and the
 * security headers; every call is recorded for metering, metrics and the access log.</li>
 * </ol>
 */
final class ReadLane implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    /** Candidates the lane answered ({@code outcome=served}) or passed to the filter chain ({@code passed-on}). */
    static final String METRIC = "sceneway.gateway.read-lane.requests";

    private static final Logger log = LoggerFactory.getLogger(ReadLane.class);

    private final TenancyRefresher tenancy;
    private final boolean enforceApproval;
    private final boolean rateLimited;
    private final EdgeRules edge;
    private final AccessTokens tokens;
    private final PartnerLimiter limiter;
    private final ConsentGate consents;
    private final UpstreamGuard guard;
    private final RouteFacts routes;
    private final CallRecorder recorder;
    private final ProblemResponses problems;
    private final GatewayErrorWebExceptionHandler errors;
    private final BankClient banks;
    private final Deadlines deadlines;
    private final BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> filterChain;
    private final Counter served;
    private final EventLoopSchedulers loops = new EventLoopSchedulers();
    private final Counter passedOn;

    ReadLane(TenancyRefresher tenancy, TenancyProperties tenancyProperties, RateLimitProperties rateLimit,
            EdgeRules edge, AccessTokens tokens, PartnerLimiter limiter, ConsentGate consents, UpstreamGuard guard,
            RouteFacts routes, CallRecorder recorder, ProblemResponses problems,
            GatewayErrorWebExceptionHandler errors, BankClient banks, Deadlines deadlines,
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> filterChain, MeterRegistry meters) {
        this.tenancy = tenancy;
        this.enforceApproval = tenancyProperties.enforceApproval();
        this.rateLimited = rateLimit.enabled();
        this.edge = edge;
        this.tokens = tokens;
        this.limiter = limiter;
        this.consents = consents;
        this.guard = guard;
        this.routes = routes;
        this.recorder = recorder;
        this.problems = problems;
        this.errors = errors;
        this.banks = banks;
        this.deadlines = deadlines;
        this.filterChain = filterChain;
        this.served = Counter.builder(METRIC).tag("outcome", "served")
                .description("GET and HEAD calls to the banks answered on the read lane").register(meters);
        this.passedOn = Counter.builder(METRIC).tag("outcome", "passed-on")
                .description("GET and HEAD calls to the banks the read lane left to the filter chain").register(meters);
    }

    /** The route's predicate: a GET or HEAD to a bank the gateway routes to (the handler may still pass it on). */
    boolean isCandidate(HttpServerRequest request) {
        return LaneRequest.bankOf(request, tenancy.snapshot().banks()) != null;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        BankRoute bank = LaneRequest.bankOf(request, tenancy.snapshot().banks());
        LaneRequest call = bank == null ? null : LaneRequest.of(request, bank, edge);
        if (call == null) {
            return passOn(request, response);
        }
        Instant at = Instant.now();
        long started = System.nanoTime();
        return admit(call)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(admitted -> admitted.isPresent()
                        ? serve(new LaneCall(call, admitted.get(), request, at, started), response)
                        : passOn(request, response));
    }

    private Mono<Void> passOn(HttpServerRequest request, HttpServerResponse response) {
        passedOn.increment();
        return Mono.from(filterChain.apply(request, response));
    }

    /**
     * The checks without side effects, then the binding; empty (the filter chain answers) when any of them
     * refuses, as the binding check records nothing when it fails.
     */
    private Mono<Admitted> admit(LaneRequest call) {
        return tokens.decode(call.token())
                .flatMap(jwt -> {
                    String partner = jwt.getClaimAsString("client_id");
                    if (partner == null || !AccessTokens.scopeAllows(call.method(), call.path(), jwt)) {
                        return Mono.empty();
                    }
                    Plan plan = tenancy.snapshot().plan(partner, call.bank().id());
                    if (plan == null && enforceApproval) {
                        return Mono.empty();
                    }
                    URI uri = URI.create(call.scheme() + "://" + call.host() + call.rawPath());
                    return tokens.checkBinding(call.token(), jwt, call.proof(), call.method().name(), uri)
                            .thenReturn(new Admitted(jwt, partner,
                                    plan == null ? null : new PartnerPlan(partner, call.bank(), plan)));
                })
                .onErrorResume(ex -> Mono.empty());
    }

    private Mono<Void> serve(LaneCall call, HttpServerResponse response) {
        served.increment();
        return limit(call)
                .flatMap(refusal -> refusal.isPresent() ? Mono.just(refusal) : consent(call))
                .flatMap(refusal -> refusal.isPresent()
                        ? Mono.<Reply>just(new Refused(refusal.get()))
                        : callBank(call).map(Relayed::new))
                .onErrorResume(ex -> Mono.just(new Refused(render(call, ex))))
                .flatMap(reply -> write(call, reply, response))
                .doOnSuccess(done -> record(call, call.status))
                .doOnError(ex -> record(call, call.status == 0 ? 500 : call.status))
                .doOnCancel(() -> record(call, response.hasSentHeaders() ? call.status : CallRecord.CLIENT_CLOSED));
    }

    private Mono<Optional<ProblemResponses.Rendered>> limit(LaneCall call) {
        PartnerPlan plan = call.admitted.plan();
        if (!rateLimited || plan == null) {
            return Mono.just(Optional.empty());
        }
        return limiter.take(PartnerLimiter.BANK_ROUTE_POLICY, plan, call.request.method(), call.request.rawPath(),
                        call.logPrefix)
                // Back on the caller's event loop (Redis answers on Lettuce's): the bank is then called, and its
                // answer relayed, on the loop that owns the caller's connection, without two more thread hand-offs.
                .publishOn(loops.of(call.server))
                .map(outcome -> {
                    if (!outcome.allowed()) {
                        return Optional.of(outcome.refusal());
                    }
                    call.limit = outcome;
                    return Optional.empty();
                });
    }

    private Mono<Optional<ProblemResponses.Rendered>> consent(LaneCall call) {
        return consents.refusal(call.request.method(), call.request.path(), call.admitted.jwt(),
                call.request.bank().id(), call.logPrefix);
    }

    private Mono<BankClient.Answer> callBank(LaneCall call) {
        BankRoute bank = call.request.bank();
        Duration timeout = routes.responseTimeout(bank);
        String pathAndQuery = call.request.pathAndQuery();
        io.netty.handler.codec.http.HttpHeaders headers = UpstreamHeaders.of(call);
        io.netty.handler.codec.http.HttpMethod method =
                io.netty.handler.codec.http.HttpMethod.valueOf(call.request.method().name());
        if (!guard.enabled()) {
            return banks.send(method, bank.uri(), pathAndQuery, headers, timeout);
        }
        // The guard's deadline bounds every attempt; the client's own response timeout (a pipeline handler and an
        // event-loop timer per call) is added only where the route's bound is the shorter one, as in the chain.
        Duration responseTimeout = guard.timeout(bank.id(), timeout).compareTo(timeout) <= 0 ? null : timeout;
        return guard.call(bank.id(), call.request.method(), timeout,
                () -> banks.send(method, bank.uri(), pathAndQuery, headers, responseTimeout),
                BankClient.Answer::status);
    }

    private Mono<Void> write(LaneCall call, Reply reply, HttpServerResponse response) {
        io.netty.handler.codec.http.HttpHeaders headers = response.responseHeaders();
        if (reply instanceof Refused refused) {
            ProblemResponses.Rendered problem = refused.problem();
            call.status = problem.status();
            response.status(call.status);
            problem.headers().forEach((name, values) -> headers.set(name, values));
            LaneResponses.finish(headers, call.status, call.id);
            return response.sendByteArray(Mono.just(problem.body())).then();
        }
        BankClient.Answer answer = ((Relayed) reply).answer();
        call.status = answer.status();
        response.status(call.status);
        if (call.limit != null) {
            HttpHeaders limitHeaders = new HttpHeaders();
            call.limit.applyHeaders(limitHeaders);
            limitHeaders.forEach((name, values) -> headers.set(name, values));
        }
        LaneResponses.copyFromBank(answer.response().responseHeaders(), headers);
        LaneResponses.finish(headers, call.status, call.id);
        // A bank that sends its headers and then stalls would hold the caller and a pooled connection: its body is
        // bounded by the route's response timeout too. Past it the error reaches Reactor Netty, which closes the
        // caller's connection, so a cut body is never taken for a whole one.
        Duration bodyTimeout = routes.responseTimeout(call.request.bank());
        return deadlines.within(response.send(answer.connection().inbound().receive().retain()).then(),
                        bodyTimeout, "The bank's response body")
                .doOnError(TimeoutException.class, ex -> log.warn("{}Bank {} stalled in its response body; cut after "
                        + "{} ms", call.logPrefix, call.request.bank().id(), bodyTimeout.toMillis()));
    }

    /** A failure before the response started, as the filter chain's handlers would answer it. */
    private ProblemResponses.Rendered render(LaneCall call, Throwable ex) {
        String path = call.request.rawPath();
        if (ex instanceof UpstreamGuard.Refused refused) {
            log.debug("{}Call to bank {} refused: {}", call.logPrefix, call.request.bank().id(),
                    refused.problem().slug());
            return problems.render(refused.problem(), refused.detail(), path, headers -> {
                if (refused.retryAfterSeconds() > 0) {
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
                }
            }, Map.of());
        }
        Throwable failure = ex instanceof ReadTimeoutException
                ? new ProblemException(GatewayProblem.UPSTREAM_TIMEOUT,
                        "The bank's service behind this API did not answer in time. Try again later.", ex)
                : ex;
        return errors.render(failure, call.logPrefix + call.request.method() + " " + path, path);
    }

    private void record(LaneCall call, int status) {
        recorder.recordBankCall(call.at, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - call.started),
                call.request.method(), call.request.path(), call.request.bank().id(), call.admitted.partner(), status,
                call.id);
    }

    /** What the side-effect-free checks found. */
    record Admitted(Jwt jwt, String partner, @Nullable PartnerPlan plan) {
    }

    private sealed interface Reply permits Refused, Relayed {
    }

    private record Refused(ProblemResponses.Rendered problem) implements Reply {
    }

    private record Relayed(BankClient.Answer answer) implements Reply {
    }

    /** One call on the lane, from admission to its record. */
    static final class LaneCall {

        final LaneRequest request;
        final Admitted admitted;
        final HttpServerRequest server;
        final String id;
        final String logPrefix;
        final Instant at;
        final long started;
        PartnerLimiter.@Nullable Outcome limit;
        int status;

        LaneCall(LaneRequest request, Admitted admitted, HttpServerRequest server, Instant at, long started) {
            this.request = request;
            this.at = at;
            this.started = started;
            this.admitted = admitted;
            this.server = server;
            this.id = request.interactionId() != null ? request.interactionId()
                    : InteractionIdWebFilter.randomUuid().toString();
            this.logPrefix = "[" + id + "] ";
        }
    }
}
