package dev.sceneway.gateway.consent;

import dev.sceneway.gateway.reactive.Deadlines;
import dev.sceneway.gateway.redis.LoadedScript;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consents in Redis, as the auth-server writes them: the snapshot at {@value #SNAPSHOT_PREFIX}{@code {id}} and
 * the daily use counter at {@value #USES_PREFIX}{@code {id}:{yyyy-MM-dd}}. Every call is bounded by
 * {@code storeTimeout}; a failure, a timeout or an unreadable snapshot surfaces as an error, which the caller turns
 * into 503 {@code consent-unavailable} (fail closed).
 */
@Component
class ConsentStore {

    static final String SNAPSHOT_PREFIX = "sceneway:consent:";
    static final String USES_PREFIX = "sceneway:consent-uses:";
    static final String CHANGES_CHANNEL = "sceneway:consent-changes";
    /** A counter outlives its UTC day by a day, for replicas whose clocks lag. */
    static final Duration USES_RETENTION = Duration.ofDays(2);

    private static final RedisScript<Long> COUNT_USE = LoadedScript.fromClasspath("consent/count_use.lua", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration timeout;
    private final Deadlines deadlines;

    ConsentStore(ReactiveStringRedisTemplate redis, JsonMapper json, ConsentProperties properties,
            Deadlines deadlines) {
        this.redis = redis;
        this.json = json;
        this.timeout = properties.storeTimeout();
        this.deadlines = deadlines;
    }

    /** The snapshot, or empty when the key is missing (an unknown consent). */
    Mono<Optional<ConsentSnapshot>> read(String consentId) {
        return deadlines.within(redis.opsForValue().get(SNAPSHOT_PREFIX + consentId)
                .map(text -> Optional.of(parse(consentId, text)))
                .defaultIfEmpty(Optional.empty()), timeout, "Redis (consents)");
    }

    /** Counts one access on {@code day} (UTC) and returns the day's count so far, this one included. */
    Mono<Long> countUse(String consentId, LocalDate day) {
        return deadlines.within(redis.execute(COUNT_USE, List.of(USES_PREFIX + consentId + ":" + day),
                        List.of(Long.toString(USES_RETENTION.toSeconds())))
                .next(), timeout, "Redis (consent uses)");
    }

    private ConsentSnapshot parse(String consentId, String text) {
        try {
            ConsentSnapshot snapshot = json.readValue(text, ConsentSnapshot.class);
            if (snapshot.id() == null || snapshot.type() == null || snapshot.status() == null
                    || snapshot.bank() == null || snapshot.partner() == null) {
                throw new UnreadableSnapshot(consentId, "a required member is missing");
            }
            if (!snapshot.id().equals(consentId)) {
                throw new UnreadableSnapshot(consentId, "its id is '" + snapshot.id() + "'");
            }
            return snapshot;
        } catch (JacksonException ex) {
            throw new UnreadableSnapshot(consentId, ex.getOriginalMessage());
        }
    }

    /** A snapshot the gateway cannot trust: refused like an unreachable store, and logged. */
    static final class UnreadableSnapshot extends RuntimeException {

        UnreadableSnapshot(String consentId, String why) {
            super("The snapshot of consent " + consentId + " is unreadable: " + why, null, false, false);
        }
    }
}
