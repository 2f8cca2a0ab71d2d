package dev.sceneway.gateway.idempotency;

import dev.sceneway.gateway.reactive.Deadlines;
import dev.sceneway.gateway.redis.LoadedScript;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency records in Redis, each change one atomic script in one round trip. Completing and releasing
 * compare the stored value with the claimer's own in-flight record first, so a request whose lease expired
 * (and whose key another request has claimed since) can no longer overwrite or delete it. Errors and timeouts
 * surface as errors: the filter fails closed.
 */
@Component
class IdempotencyStore {

    /** SET NX with the lease; on success "", else the record already there. */
    private static final RedisScript<String> CLAIM = LoadedScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return '' end
            return redis.call('GET', KEYS[1]) or ''
            """, String.class);
    private static final RedisScript<Long> COMPLETE = LoadedScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """, Long.class);
    private static final RedisScript<Long> RELEASE = LoadedScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final IdempotencyProperties properties;
    private final Deadlines deadlines;

    IdempotencyStore(ReactiveStringRedisTemplate redis, JsonMapper json, IdempotencyProperties properties,
            Deadlines deadlines) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.deadlines = deadlines;
        // Builds Jackson's (de)serializers now: built lazily, the first duplicates would pay for it on Redis'
        // event loop thread and delay every other Redis reply past its timeout.
        json.readValue(json.writeValueAsString(IdempotencyRecord.inFlight("warm-up", "warm-up")),
                IdempotencyRecord.class);
    }

    /**
     * Connects to Redis and loads the scripts before the first partner call, which would otherwise pay for both
     * within its {@code storeTimeout}. A Redis that is down now is not fatal: calls fail closed until it is back.
     */
    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        String warmUp = IdempotencyKeys.redisKey("sceneway", "warm-up");
        try {
            Flux.concat(redis.execute(RELEASE, List.of(warmUp), List.of("-")),
                            redis.execute(COMPLETE, List.of(warmUp), List.of("-", "-", "1")))
                    .then()
                    .block(Duration.ofSeconds(2));
        } catch (RuntimeException ex) {
            log.warn("Idempotency store not reachable at startup: {}", ex.toString());
        }
    }

    /** The outcome of trying to claim a key. */
    sealed interface Claim permits Claimed, Existing {
    }

    /** This request holds the key; {@code token} is what completing or releasing it needs. */
    record Claimed(String token) implements Claim {
    }

    /** Another request claimed the key first. */
    record Existing(IdempotencyRecord record) implements Claim {
    }

    /** Claims {@code redisKey} for a request with this fingerprint, held for the in-flight lease. */
    Mono<Claim> claim(String redisKey, String fingerprint, String owner) {
        String inFlight = json.writeValueAsString(IdempotencyRecord.inFlight(fingerprint, owner));
        return within(redis.execute(CLAIM, List.of(redisKey),
                        List.of(inFlight, Long.toString(properties.inFlightLease().toMillis())))
                .next()
                .defaultIfEmpty(""))
                .map(existing -> existing.isEmpty()
                        ? new Claimed(inFlight)
                        : new Existing(json.readValue(existing, IdempotencyRecord.class)));
    }

    /** Replaces the claimer's in-flight record with the response; false if the key is no longer its own. */
    Mono<Boolean> complete(String redisKey, String token, IdempotencyRecord completed) {
        return within(redis.execute(COMPLETE, List.of(redisKey), List.of(token, json.writeValueAsString(completed),
                        Long.toString(properties.retention().toMillis())))
                .next())
                .map(changed -> changed == 1L);
    }

    /** Deletes the claimer's in-flight record so that a retry goes upstream again. */
    Mono<Boolean> release(String redisKey, String token) {
        return within(redis.execute(RELEASE, List.of(redisKey), List.of(token)).next())
                .map(changed -> changed == 1L);
    }

    private <T> Mono<T> within(Mono<T> call) {
        return deadlines.within(call, properties.storeTimeout(), "Redis (idempotency)");
    }
}
