package dev.sceneway.gateway.security;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Remembers every DPoP proof seen by any gateway replica (RFC 9449 section 11.1) in Redis: one {@code SET NX PX} per
 * proof, keyed by the proof key's thumbprint and the proof's {@code jti}, kept for as long as the proof could still
 * pass the {@code iat} window.
 *
 * <p>CAUTION: fails closed. When Redis does not answer, a DPoP-bound request is refused with 503: a replay check
 * that is skipped silently would make a stolen proof replayable during the outage.
 */
class DpopReplayCache {

    static final String KEY_PREFIX = "sceneway:dpop:jti:";
    static final String UNAVAILABLE_METRIC = "sceneway.gateway.dpop.replay.unavailable";

    private static final Logger log = LoggerFactory.getLogger(DpopReplayCache.class);

    private final ReactiveStringRedisTemplate redis;
    private final Counter unavailable;

    DpopReplayCache(ReactiveStringRedisTemplate redis, MeterRegistry meters) {
        this.redis = redis;
        this.unavailable = Counter.builder(UNAVAILABLE_METRIC)
                .description("DPoP-bound requests refused with 503 because the Redis replay check failed")
                .register(meters);
    }

    /** True when this is the first use of the proof within {@code retention}; false when it was seen before. */
    Mono<Boolean> firstUse(String keyThumbprint, String jti, Duration retention) {
        return redis.opsForValue().setIfAbsent(KEY_PREFIX + keyThumbprint + ":" + jti, "1", retention)
                .defaultIfEmpty(false)
                .onErrorMap(ex -> {
                    unavailable.increment();
                    log.warn("DPoP replay check unavailable: {}", ex.toString());
                    return new ProblemException(GatewayProblem.DPOP_REPLAY_CHECK_UNAVAILABLE,
                            "The gateway cannot check DPoP proofs for replay right now, so the request was not "
                                    + "forwarded. Try again shortly.", ex);
                });
    }
}
