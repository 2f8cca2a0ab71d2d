package dev.sceneway.gateway.consent;

import dev.sceneway.gateway.consent.ConsentEndpoints.Requirement;
import dev.sceneway.gateway.problem.ProblemResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Enforces the token's consent on one bank's route ({@link ConsentEndpoints} says which calls need which consent):
 * the token must name a consent ({@code consent_id}), whose snapshot (this replica's cache, else Redis) must belong
 * to the token's partner and customer, be granted at this bank, have a status the endpoint accepts, not be past its
 * expiry, be of the endpoint's type and grant its permission; then an account-access consent with a daily frequency
 * counts the access in Redis. Each refusal is problem+json naming the reason; nothing is forwarded.
 * <p>
 * CAUTION: fails closed. When Redis cannot answer within {@code storeTimeout}, for reads as for payments, the call
 * is refused with 503 {@code consent-unavailable}: an unchecked consent is never assumed valid.
 */
final class ConsentEnforcementFilter implements GatewayFilter, Ordered {

    /** After partner approval (+100) and the rate limit (+200): a refused partner never costs a consent lookup. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 300;
    static final String CONSENT_ID_CLAIM = "consent_id";
    /** Consent ids are UUIDs; anything else cannot be one and never becomes part of a Redis key. */
    private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(ConsentEnforcementFilter.class);

    private final String bankId;
    private final ConsentCache cache;
    private final ConsentStore store;
    private final ProblemResponses problems;
    private final ConsentMetrics metrics;
    private final Clock clock;

    ConsentEnforcementFilter(String bankId, ConsentCache cache, ConsentStore store, ProblemResponses problems,
            ConsentMetrics metrics, Clock clock) {
        this.bankId = bankId;
        this.cache = cache;
        this.store = store;
        this.problems = problems;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<Requirement> requirement = ConsentEndpoints.forRequest(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication());
        if (requirement.isEmpty()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(JwtAuthenticationToken::getToken)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Consent enforcement needs an authenticated partner; is the route behind authentication?")))
                .flatMap(jwt -> enforce(exchange, chain, requirement.get(), jwt));
    }

    private Mono<Void> enforce(ServerWebExchange exchange, GatewayFilterChain chain, Requirement requirement,
            Jwt jwt) {
        String consentId = jwt.getClaimAsString(CONSENT_ID_CLAIM);
        if (consentId == null || consentId.isBlank()) {
            return refuse(exchange, ConsentRefusal.missing(requirement.type()));
        }
        if (!CONSENT_ID.matcher(consentId).matches()) {
            return refuse(exchange, ConsentRefusal.unknown());
        }
        String partner = jwt.getClaimAsString("client_id");
        return snapshot(consentId).flatMap(found -> {
            if (found.failure() != null) {
                return unavailable(exchange, consentId, found.failure());
            }
            if (found.snapshot() == null || partner == null) {
                return refuse(exchange, ConsentRefusal.unknown());
            }
            ConsentSnapshot snapshot = found.snapshot();
            Optional<ConsentRefusal> refusal = ConsentCheck.check(snapshot, requirement, partner, jwt.getSubject(),
                    bankId, clock.instant());
            if (refusal.isPresent()) {
                return refuse(exchange, refusal.get());
            }
            return withinFrequency(exchange, chain, snapshot);
        });
    }

    /** The snapshot from the cache, else from Redis (then cached); a store failure is a value, not an error. */
    private Mono<Lookup> snapshot(String consentId) {
        ConsentSnapshot cached = cache.get(consentId);
        if (cached != null) {
            metrics.hit();
            return Mono.just(new Lookup(cached, null));
        }
        metrics.miss();
        long epoch = cache.epoch();
        return store.read(consentId)
                .map(found -> {
                    found.ifPresent(snapshot -> cache.put(consentId, snapshot, epoch));
                    return new Lookup(found.orElse(null), null);
                })
                .onErrorResume(ex -> Mono.just(new Lookup(null, ex)));
    }

    /**
     * The daily frequency of an account-access consent. Every access counts: PSD2's exemption for accesses the
     * customer asks for in person is not modelled (the gateway cannot tell them apart).
     */
    private Mono<Void> withinFrequency(ServerWebExchange exchange, GatewayFilterChain chain,
            ConsentSnapshot snapshot) {
        Integer perDay = snapshot.frequencyPerDay();
        if (perDay == null || !ConsentEndpoints.ACCOUNT_ACCESS.equals(snapshot.type())) {
            return chain.filter(exchange);
        }
        Instant now = clock.instant();
        return store.countUse(snapshot.id(), LocalDate.ofInstant(now, ZoneOffset.UTC))
                .map(uses -> new Counted(uses, null))
                .onErrorResume(ex -> Mono.just(new Counted(0, ex)))
                .flatMap(counted -> {
                    if (counted.failure() != null) {
                        return unavailable(exchange, snapshot.id(), counted.failure());
                    }
                    if (counted.uses() > perDay) {
                        long retryAfter = secondsUntilNextUtcMidnight(now);
                        return refuse(exchange, ConsentRefusal.frequencyExceeded(perDay, retryAfter),
                                headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
                    }
                    return chain.filter(exchange);
                });
    }

    static long secondsUntilNextUtcMidnight(Instant now) {
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Math.max(1, Math.ceilDiv(Duration.between(now, midnight).toMillis(), 1000));
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, String consentId, Throwable failure) {
        // CAUTION: fail closed, for every method.
        log.warn("{}Consent store unavailable for consent {} at {}; refused (fail closed): {}",
                exchange.getLogPrefix(), consentId, bankId, failure.toString());
        return refuse(exchange, ConsentRefusal.unavailable());
    }

    private Mono<Void> refuse(ServerWebExchange exchange, ConsentRefusal refusal) {
        return refuse(exchange, refusal, headers -> { });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, ConsentRefusal refusal,
            java.util.function.Consumer<HttpHeaders> headers) {
        metrics.refused(refusal.reason());
        log.debug("{}Refused under its consent at {}: {}", exchange.getLogPrefix(), bankId, refusal.reason());
        // The body is the contract's Problem (no extension members): the type names the reason, the detail says
        // what was wrong; the finer reason is the metric's tag.
        return problems.write(exchange, refusal.problem(), refusal.detail(), headers, Map.of());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return GatewayToStringStyler.filterToStringCreator(this).append("bank", bankId).toString();
    }

    private record Lookup(@Nullable ConsentSnapshot snapshot, @Nullable Throwable failure) {
    }

    private record Counted(long uses, @Nullable Throwable failure) {
    }
}
