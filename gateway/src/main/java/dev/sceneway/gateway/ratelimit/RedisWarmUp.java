package dev.sceneway.gateway.ratelimit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the Redis connection before the first partner call. Lettuce connects lazily, and the handshake can take
 * longer than the limiter's 100 ms timeout on a busy machine: without this the first calls of a fresh replica would
 * be refused or metered locally for no reason. A Redis that is down at startup is only logged; Lettuce keeps
 * reconnecting and the failure policy covers the meantime.
 */
@Component
class RedisWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(RedisWarmUp.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ReactiveStringRedisTemplate redis;

    RedisWarmUp(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        try {
            redis.execute(connection -> connection.ping()).blockFirst(WAIT);
        } catch (RuntimeException ex) {
            log.warn("Redis did not answer at startup; the rate limiter's failure policy applies until it does: {}",
                    ex.toString());
        }
    }
}
