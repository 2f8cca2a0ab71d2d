package dev.sceneway.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lettuce settings that keep a Redis outage from holding requests, and end the outage as soon as Redis is back. */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

    /**
     * By default Lettuce queues commands while it reconnects, so every request would wait out the command
     * timeout; rejecting them at once lets the failure policy answer immediately (503 or the local fallback).
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * All of a replica's Redis commands share one connection and so one Lettuce I/O thread. By default a reply is
     * emitted on that thread, and everything the filter chain does next (idempotency hashing, routing, the upstream
     * call's set-up) runs there too, in front of every other request's reply: a burst of calls then pushes replies
     * past the limiter's 100 ms and is refused for no reason. Emitting on Lettuce's computation threads keeps the
     * I/O thread free to read replies.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer emitRepliesOffTheIoThread() {
        return builder -> builder.publishOnScheduler(true);
    }

    /**
     * Lettuce's default reconnect backoff grows to 30 s, so a Redis that is back would stay unused (money-moving
     * calls refused) for up to half a minute; one attempt per second at most keeps that under a second.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectWithinASecond() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
