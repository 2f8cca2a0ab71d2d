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
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Decides whether one call may go on under the token's consent ({@link ConsentEndpoints} says which calls need
 * which consent): the token must name a consent ({@code consent_id}), whose snapshot (this replica's cache, else
 * Redis) must belong to the token's partner and customer, be granted at this bank, have a status the endpoint
 * accepts, not be past its expiry, be of the endpoint's type and grant its permission; then an account-access consent
 * with a daily frequency counts the access in Redis. A refusal is problem+json naming the reason. Shared by the bank
 * routes' {@link ConsentEnforcementFilter} and the read lane.
 * <p>
 * CAUTION: fails closed. When Redis cannot answer within {@code storeTimeout}, for reads as for payments, the call
 * is refused with 503 {@code consent-unavailable}: an unchecked consent is never assumed valid.
 */
public final class ConsentGate {

    static final String CONSENT_ID_CLAIM = "consent_id";
    /** Consent ids are UUIDs; anything else cannot be one and never becomes part of a Redis key. */
    private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(ConsentGate.class);

    private final boolean enforce;
    private final ConsentCache cache;
    private final ConsentStore store;
    private final ProblemResponses problems;
    private final ConsentMetrics metrics;
    private final Clock clock;

    ConsentGate(boolean enforce, ConsentCache cache, ConsentStore store, ProblemResponses problems,
            ConsentMetrics metrics, Clock clock) {
        this.enforce = enforce;
        this.cache = cache;
        this.store = store;
        this.problems = problems;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether consents are enforced at all ({@code sceneway.gateway.consents.enforce}). */
    public boolean enforces() {
        return enforce;
    }

    /** Whether the call needs a consent; the ones that do not never cost a lookup. */
    public static boolean needsConsent(HttpMethod method, PathContainer path) {
        return ConsentEndpoints.forRequest(method, path).isPresent();
    }

    /**
     * The refusal for a call under {@code jwt} at {@code bankId}, or empty when it may go on (a call that needs no
     * consent always may). {@code path} is the problem's {@code instance}, {@code logPrefix} the request's.
     */
    public Mono<Optional<ProblemResponses.Rendered>> refusal(HttpMethod method, PathContainer path, Jwt jwt,
            String bankId, String logPrefix) {
        Optional<Requirement> requirement = enforce ? ConsentEndpoints.forRequest(method, path) : Optional.empty();
        if (requirement.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        Call call = new Call(path.value(), bankId, logPrefix);
        String consentId = jwt.getClaimAsString(CONSENT_ID_CLAIM);
        if (consentId == null || consentId.isBlank()) {
            return refuse(call, ConsentRefusal.missing(requirement.get().type()));
        }
        if (!CONSENT_ID.matcher(consentId).matches()) {
            return refuse(call, ConsentRefusal.unknown());
        }
        String partner = jwt.getClaimAsString("client_id");
        return snapshot(consentId).flatMap(found -> {
            if (found.failure() != null) {
                return unavailable(call, consentId, found.failure());
            }
            if (found.snapshot() == null || partner == null) {
                return refuse(call, ConsentRefusal.unknown());
            }
            ConsentSnapshot snapshot = found.snapshot();
            Optional<ConsentRefusal> refusal = ConsentCheck.check(snapshot, requirement.get(), partner,
                    jwt.getSubject(), bankId, clock.instant());
            if (refusal.isPresent()) {
                return refuse(call, refusal.get());
            }
            return withinFrequency(call, snapshot);
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
    private Mono<Optional<ProblemResponses.Rendered>> withinFrequency(Call call, ConsentSnapshot snapshot) {
        Integer perDay = snapshot.frequencyPerDay();
        if (perDay == null || !ConsentEndpoints.ACCOUNT_ACCESS.equals(snapshot.type())) {
            return Mono.just(Optional.empty());
        }
        Instant now = clock.instant();
        return store.countUse(snapshot.id(), LocalDate.ofInstant(now, ZoneOffset.UTC))
                .map(uses -> new Counted(uses, null))
                .onErrorResume(ex -> Mono.just(new Counted(0, ex)))
                .flatMap(counted -> {
                    if (counted.failure() != null) {
                        return unavailable(call, snapshot.id(), counted.failure());
                    }
                    if (counted.uses() > perDay) {
                        long retryAfter = secondsUntilNextUtcMidnight(now);
                        return refuse(call, ConsentRefusal.frequencyExceeded(perDay, retryAfter),
                                headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
                    }
                    return Mono.just(Optional.empty());
                });
    }

    static long secondsUntilNextUtcMidnight(Instant now) {
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Math.max(1, Math.ceilDiv(Duration.between(now, midnight).toMillis(), 1000));
    }

    private Mono<Optional<ProblemResponses.Rendered>> unavailable(Call call, String consentId, Throwable failure) {
        // CAUTION: fail closed, for every method.
        log.warn("{}Consent store unavailable for consent {} at {}; refused (fail closed): {}", call.logPrefix(),
                consentId, call.bankId(), failure.toString());
        return refuse(call, ConsentRefusal.unavailable());
    }

    private Mono<Optional<ProblemResponses.Rendered>> refuse(Call call, ConsentRefusal refusal) {
        return refuse(call, refusal, headers -> { });
    }

    private Mono<Optional<ProblemResponses.Rendered>> refuse(Call call, ConsentRefusal refusal,
            Consumer<HttpHeaders> headers) {
        metrics.refused(refusal.reason());
        log.debug("{}Refused under its consent at {}: {}", call.logPrefix(), call.bankId(), refusal.reason());
        // The body is the contract's Problem (no extension members): the type names the reason, the detail says
        // what was wrong; the finer reason is the metric's tag.
        return Mono.just(Optional.of(problems.render(refusal.problem(), refusal.detail(), call.path(), headers,
                Map.of())));
    }

    private record Call(String path, String bankId, String logPrefix) {
    }

    private record Lookup(@Nullable ConsentSnapshot snapshot, @Nullable Throwable failure) {
    }

    private record Counted(long uses, @Nullable Throwable failure) {
    }
}
