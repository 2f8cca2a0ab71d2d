package dev.sceneway.gateway.ratelimit;

import dev.sceneway.gateway.reactive.Deadlines;
import dev.sceneway.gateway.redis.LoadedScript;
import dev.sceneway.gateway.tenancy.Plan;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A partner's plan at a bank, kept in Redis: token bucket, daily and monthly quota, updated together by one Lua
 * script in one round trip (EVALSHA; Spring Data falls back to EVAL once if the server lost the script). The
 * script reads the clock with Redis {@code TIME}, so gateway replicas with drifting clocks share one notion of
 * time and of "today".
 */
@Component
class RedisTokenBucket {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<Long>> SCRIPT =
            (RedisScript) LoadedScript.fromClasspath("ratelimit/plan_limit.lua", List.class);

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitProperties properties;
    private final Deadlines deadlines;

    RedisTokenBucket(ReactiveStringRedisTemplate redis, RateLimitProperties properties, Deadlines deadlines) {
        this.redis = redis;
        this.properties = properties;
        this.deadlines = deadlines;
    }

    /** Takes one request from the plan at {@code key}; errors and timeouts surface as errors for the caller's policy. */
    Mono<LimitDecision> take(String key, Plan plan) {
        Mono<LimitDecision> decision = redis.execute(SCRIPT, List.of(key), List.of(Integer.toString(plan.capacity()),
                        Integer.toString(plan.refillPerSecond()), Long.toString(plan.dailyQuota()),
                        Long.toString(plan.monthlyQuota())))
                .reduceWith(ArrayList<Long>::new, (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .map(LimitDecision::fromScript);
        return deadlines.within(decision, properties.timeout(), "Redis (rate limit)");
    }
}
