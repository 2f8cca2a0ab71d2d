package dev.sceneway.gateway.idempotency;

import dev.sceneway.gateway.idempotency.IdempotencyStore.Claimed;
import dev.sceneway.gateway.idempotency.IdempotencyStore.Existing;
import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.routing.RouteFacts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Idempotency of unsafe calls to the banks (common.yaml, {@code IdempotencyKey}). A POST or PATCH must carry
 * {@code x-idempotency-key}; a PUT or DELETE may. Per partner (the token's {@code client_id}) and key, Redis
 * keeps the first request's fingerprint (method, path, query, body) and, once the bank answered, its response
 * for 24 h:
 * <ul>
 * <li>the same key and request again: the stored response, marked {@code x-idempotent-replayed: true}; nothing
 * goes upstream;</li>
 * <li>the same key with another request: 422 {@code idempotency-key-reused};</li>
 * <li>the same key while the first still runs (on any replica): the duplicate polls, without blocking a thread,
 * until the first completes and then gets the replay; still running after the route's response timeout (the
 * longest the first can legitimately take): 409 {@code idempotency-key-in-flight}.</li>
 * </ul>
 * What is kept: only an answer of the bank itself below 500. When the bank fails (5xx), cannot be reached or
 * times out, or the gateway refuses the call (429, 503 circuit open, ...), the key is released, so a retry with
 * the same key goes upstream again: the bank's services are idempotent themselves, and a partner must be able to
 * retry a transient failure without inventing a new key. A gateway that dies mid-call leaves the claim to expire
 * after the in-flight lease.
 * <p>
 * CAUTION: fails closed. When Redis fails or is slow, unsafe calls with a key are refused (503
 * {@code idempotency-unavailable}) rather than forwarded without the guarantee.
 * <p>
 * Ordered just outside {@link NettyWriteResponseFilter}, so it sees the response as it is written. Route filters
 * (the partner rate limit) run inside it: a replay or a refused duplicate does not reach them.
 */
@Component
class IdempotencyFilter implements GlobalFilter, Ordered {

    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    /** Route metadata that turns idempotency off for one route ({@code false}). */
    static final String ROUTE_SWITCH = "idempotency";
    static final String METRIC = "sceneway.gateway.idempotency";
    /** The response headers a replay carries; the rest belong to the first call (interaction id, limits). */
    static final Set<String> REPLAYED_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING,
            HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.CONTENT_LOCATION, HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
            HttpHeaders.CACHE_CONTROL);
    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final RouteFacts routes;
    private final ProblemResponses problems;
    private final MeterRegistry meters;
    /** The request that leads each idempotency key on this replica. */
    private final Map<String, Sinks.One<Landing>> flights = new ConcurrentHashMap<>();

    IdempotencyFilter(IdempotencyStore store, IdempotencyProperties properties, RouteFacts routes,
            ProblemResponses problems, MeterRegistry meters) {
        this.store = store;
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
        HttpMethod method = exchange.getRequest().getMethod();
        boolean required = IdempotencyKeys.REQUIRED.contains(method);
        if (!required && !IdempotencyKeys.OPTIONAL.contains(method) || !appliesTo(exchange)) {
            return chain.filter(exchange);
        }
        List<String> keys = exchange.getRequest().getHeaders().getOrEmpty(IdempotencyKeys.HEADER);
        if (keys.isEmpty()) {
            return required
                    ? refuse(exchange, GatewayProblem.IDEMPOTENCY_KEY_MISSING, "missing", "A " + method.name()
                            + " must carry the header '" + IdempotencyKeys.HEADER + "': a key you choose for this "
                            + "one operation (a UUID, say), so that a retry cannot execute it twice.")
                    : chain.filter(exchange);
        }
        if (keys.size() != 1 || !IdempotencyKeys.isWellFormed(keys.getFirst())) {
            return refuse(exchange, GatewayProblem.IDEMPOTENCY_KEY_INVALID, "invalid", "Header '"
                    + IdempotencyKeys.HEADER + "' must appear once, with 1 to 40 letters, digits, '-' or '_'.");
        }
        String key = keys.getFirst();
        return partnerOf(exchange).flatMap(partner -> partner.isEmpty()
                // Not behind authentication: there is no partner to scope the key to (bank routes always are).
                ? chain.filter(exchange)
                : body(exchange).flatMap(body -> begin(exchange, chain, partner.get(), key, body)));
    }

    private boolean appliesTo(ServerWebExchange exchange) {
        return properties.enabled() && RouteFacts.route(exchange)
                .map(route -> !"false".equals(String.valueOf(route.getMetadata().get(ROUTE_SWITCH))))
                .orElse(false);
    }

    private Mono<Void> begin(ServerWebExchange exchange, GatewayFilterChain chain, String partner, String key,
            byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        Call call = new Call(exchange, chain, IdempotencyKeys.redisKey(partner, key),
                IdempotencyKeys.fingerprint(request.getMethod().name(), request.getPath().value(),
                        request.getURI().getRawQuery(), body),
                body, System.nanoTime() + maxWait(exchange).toNanos(), Sinks.one());
        return onThisReplica(call);
    }

    /**
     * Duplicates on this replica wait for the first one here, not on Redis: a burst of retries costs one claim and
     * one completion in Redis, whatever its size. The first one asks Redis (where another replica may hold the key).
     */
    private Mono<Void> onThisReplica(Call call) {
        Sinks.One<Landing> first = flights.putIfAbsent(call.redisKey(), call.flight());
        if (first == null) {
            return attempt(call, FIRST_POLL).doFinally(signal -> land(call, null));
        }
        long remaining = call.deadlineNanos() - System.nanoTime();
        return first.asMono()
                .timeout(Duration.ofNanos(Math.max(remaining, 1)), Mono.just(Landing.STILL_FLYING))
                .flatMap(landing -> {
                    IdempotencyRecord kept = landing.kept();
                    if (landing == Landing.STILL_FLYING) {
                        return inFlight(call);
                    }
                    // Released, refused or lost: ask again, here first, then Redis.
                    return kept == null ? onThisReplica(call) : decide(call, kept);
                });
    }

    /** Ends this request's flight on this replica; waiting duplicates get the kept response or ask again. */
    private void land(Call call, @Nullable IdempotencyRecord kept) {
        flights.remove(call.redisKey(), call.flight());
        call.flight().tryEmitValue(kept == null ? Landing.NOTHING_KEPT : new Landing(kept));
    }

    /**
     * How a request with an idempotency key ended, for duplicates waiting on the same replica. The two constants
     * carry no record and are told apart by identity.
     */
    private record Landing(@Nullable IdempotencyRecord kept) {

        static final Landing NOTHING_KEPT = new Landing(null);
        static final Landing STILL_FLYING = new Landing(null);
    }

    private Duration maxWait(ServerWebExchange exchange) {
        Duration configured = properties.maxWait();
        return configured != null ? configured : routes.responseTimeout(exchange);
    }

    /** One request's idempotency state. */
    private record Call(ServerWebExchange exchange, GatewayFilterChain chain, String redisKey, String fingerprint,
            byte[] body, long deadlineNanos, Sinks.One<Landing> flight) {
    }

    private Mono<Void> attempt(Call call, Duration poll) {
        return store.claim(call.redisKey(), call.fingerprint(), UUID.randomUUID().toString())
                .onErrorMap(ex -> unavailable(call.exchange(), ex))
                .flatMap(claim -> switch (claim) {
                    case Claimed claimed -> forward(call, claimed.token());
                    case Existing(IdempotencyRecord existing) when existing.isInFlight()
                            && existing.fingerprint().equals(call.fingerprint()) -> waitForFirst(call, poll);
                    case Existing(IdempotencyRecord existing) -> decide(call, existing);
                });
    }

    /** A duplicate's answer once the first request's record is known: its replay, or 422 for another request. */
    private Mono<Void> decide(Call call, IdempotencyRecord first) {
        if (!first.fingerprint().equals(call.fingerprint())) {
            return refuse(call.exchange(), GatewayProblem.IDEMPOTENCY_KEY_REUSED, "reused",
                    "This idempotency key was already used for a different request (method, path, query or body "
                            + "differ). Use a new key for a new operation.");
        }
        land(call, first);
        return replay(call.exchange(), first);
    }

    private Mono<Void> inFlight(Call call) {
        return refuse(call.exchange(), GatewayProblem.IDEMPOTENCY_KEY_IN_FLIGHT, "in-flight",
                "The first request with this idempotency key is still in progress. Retry later with the same key "
                        + "to receive its response.");
    }

    private Mono<Void> waitForFirst(Call call, Duration poll) {
        if (poll == FIRST_POLL) {
            count("waiting");
        }
        long remaining = call.deadlineNanos() - System.nanoTime();
        if (remaining <= 0) {
            return inFlight(call);
        }
        Duration delay = poll.compareTo(Duration.ofNanos(remaining)) < 0 ? poll : Duration.ofNanos(remaining);
        Duration next = poll.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? poll.multipliedBy(2) : LONGEST_POLL;
        return Mono.delay(delay).then(Mono.defer(() -> attempt(call, next)));
    }

    private Mono<Void> forward(Call call, String token) {
        ServerWebExchange exchange = call.exchange();
        // The bank is asked for an unencoded body, so that the kept response can be replayed to any caller,
        // whatever encodings that caller accepts.
        ServerHttpRequest identity = exchange.getRequest().mutate()
                .headers(headers -> headers.remove(HttpHeaders.ACCEPT_ENCODING)).build();
        // The mutated exchange shares its attributes (the upstream connection among them) with the original.
        CapturingResponse response = new CapturingResponse(exchange.getResponse(),
                properties.maxStoredResponse().toBytes(), captured -> settle(exchange, captured, call, token));
        ServerWebExchange forwarded = exchange.mutate()
                .request(new CachedBodyRequest(identity, call.body()))
                .response(response)
                .build();
        count("forwarded");
        return call.chain().filter(forwarded)
                // A response without a body never went through writeWith: settle it now.
                .then(Mono.defer(() -> response.captured() ? Mono.empty() : settle(exchange, response, call, token)))
                .onErrorResume(ex -> releaseQuietly(call, token).then(Mono.error(ex)))
                .doOnCancel(() -> releaseQuietly(call, token).subscribe());
    }

    /**
     * Keeps the bank's own answer below 500; releases the key for anything else so that a retry goes upstream.
     * Runs before the response is written, so a partner that has its response finds it kept when it retries.
     */
    private Mono<Void> settle(ServerWebExchange exchange, CapturingResponse response, Call call, String token) {
        HttpStatusCode status = response.getStatusCode();
        boolean answeredByBank = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR) != null;
        if (status == null || !answeredByBank || status.is5xxServerError() || response.tooLarge()) {
            return releaseQuietly(call, token);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getHeaders().forEach((name, values) -> {
            if (REPLAYED_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                headers.put(name, List.copyOf(values));
            }
        });
        IdempotencyRecord completed = IdempotencyRecord.completed(call.fingerprint(), status.value(), headers,
                response.body());
        return store.complete(call.redisKey(), token, completed)
                .doOnNext(stored -> {
                    if (stored) {
                        land(call, completed);
                    } else {
                        log.warn("{}Idempotency key lease expired before the response was kept; a retry goes "
                                + "upstream again", exchange.getLogPrefix());
                    }
                })
                // The partner already has its response; a key not kept is released by its lease.
                .onErrorResume(ex -> {
                    log.warn("{}Could not keep the response for its idempotency key: {}", exchange.getLogPrefix(),
                            ex.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> releaseQuietly(Call call, String token) {
        return store.release(call.redisKey(), token)
                .doOnTerminate(() -> land(call, null))
                .onErrorResume(ex -> {
                    log.warn("{}Could not release an idempotency key (it expires with its lease): {}",
                            call.exchange().getLogPrefix(), ex.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> replay(ServerWebExchange exchange, IdempotencyRecord record) {
        count("replayed");
        byte[] body = record.bodyBytes();
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(record.status()));
        HttpHeaders headers = response.getHeaders();
        record.headers().forEach(headers::put);
        headers.set(IdempotencyKeys.REPLAYED_HEADER, "true");
        headers.setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, GatewayProblem problem, String outcome, String detail) {
        count(outcome);
        return problems.write(exchange, problem, detail);
    }

    private ProblemException unavailable(ServerWebExchange exchange, Throwable ex) {
        count("unavailable");
        log.warn("{}Idempotency store unavailable: {}", exchange.getLogPrefix(), ex.toString());
        return new ProblemException(GatewayProblem.IDEMPOTENCY_UNAVAILABLE,
                "The gateway cannot check the idempotency key right now, so the request was not forwarded. "
                        + "Retry shortly with the same key.", ex);
    }

    private void count(String outcome) {
        meters.counter(METRIC, "outcome", outcome).increment();
    }

    private static Mono<Optional<String>> partnerOf(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .mapNotNull(token -> token.getToken().getClaimAsString("client_id"))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** The whole request body; its size is already bounded by the edge's body limit. */
    private static Mono<byte[]> body(ServerWebExchange exchange) {
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    /** The request with its body, already read for the fingerprint, served again to the upstream call. */
    private static final class CachedBodyRequest extends ServerHttpRequestDecorator {

        private final byte[] body;

        CachedBodyRequest(ServerHttpRequest delegate, byte[] body) {
            super(delegate);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body.length == 0 ? Flux.empty()
                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }
}
