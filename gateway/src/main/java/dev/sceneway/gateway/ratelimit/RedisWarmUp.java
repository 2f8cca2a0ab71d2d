package dev.sceneway.gateway.ratelimit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the shared Redis connection before the web server takes requests. Lettuce connects lazily, on the first
 * command; with the limiter's short timeout (100 ms, connection set-up included) the first partner calls after a
 * start, on a busy machine, would otherwise be refused with 503 while the connection is still being set up. A few
 * attempts, then the gateway starts anyway: with Redis down the limiter fails closed per request, as designed.
 */
@Component
class RedisWarmUp implements SmartLifecycle {

    /** Boot's web server starts in phase {@code Integer.MAX_VALUE - 2048}; lower phases start before it. */
    static final int PHASE = Integer.MAX_VALUE - 3072;
    private static final int ATTEMPTS = 5;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(RedisWarmUp.class);

    private final ReactiveStringRedisTemplate redis;
    private volatile boolean running;

    RedisWarmUp(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void start() {
        running = true;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                redis.execute(connection -> connection.ping()).next().block(ATTEMPT_TIMEOUT);
                return;
            } catch (RuntimeException ex) {
                if (attempt == ATTEMPTS) {
                    log.warn("Redis did not answer at startup ({} attempts): the rate limiter refuses calls until it "
                            + "does: {}", ATTEMPTS, ex.toString());
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
