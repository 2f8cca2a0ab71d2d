package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.ratelimit.RateLimitProperties.Plan;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A token bucket per key, kept in Redis and updated by one Lua script in one round trip (EVALSHA; Spring Data
 * falls back to EVAL once if the server lost the script). The script reads the clock with Redis {@code TIME},
 * so gateway replicas with drifting clocks share one notion of time, and gives each key a TTL of the time the
 * bucket needs to refill, after which a missing key and a full bucket are the same thing.
 */
@Component
class RedisTokenBucket {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<Long>> SCRIPT =
            (RedisScript) RedisScript.of(new ClassPathResource("ratelimit/token_bucket.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitProperties properties;

    RedisTokenBucket(ReactiveStringRedisTemplate redis, RateLimitProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** Takes one token from the bucket at {@code key}; errors and timeouts surface as errors (fail closed). */
    Mono<BucketDecision> take(String key, Plan plan) {
        return redis.execute(SCRIPT, List.of(key),
                        List.of(Integer.toString(plan.capacity()), Integer.toString(plan.refillPerSecond())))
                .reduceWith(ArrayList<Long>::new, (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .map(BucketDecision::fromScript)
                .timeout(properties.timeout());
    }
}
