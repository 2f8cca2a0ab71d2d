package dev.sceneway.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lettuce settings that keep a Redis outage from holding requests. */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

    /**
     * By default Lettuce queues commands while it reconnects, so every request would wait out the command
     * timeout; rejecting them at once lets the limiter answer 503 immediately.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
