package dev.sceneway.gateway.consent;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps {@link ConsentCache} honest: a dedicated Lettuce pub/sub connection (the shared command connection cannot
 * subscribe) on {@value ConsentStore#CHANGES_CHANNEL}. A notice (the consent id) drops that entry; every
 * subscription confirmation, the first and each one Lettuce sends again after reconnecting, empties the cache and
 * makes it live; a lost connection empties it and stops its use until the next confirmation. If Redis cannot be
 * reached at startup, a connection is tried again every second; once connected, Lettuce reconnects on its own
 * (within a second: {@code ratelimit.RedisClientOptions}).
 */
final class ConsentChangeListener extends RedisPubSubAdapter<String, String> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsentChangeListener.class);
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);

    private final RedisConnectionFactory connectionFactory;
    private final ConsentCache cache;
    private final ConsentMetrics metrics;
    private @Nullable ScheduledExecutorService connector;
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean running;

    ConsentChangeListener(RedisConnectionFactory connectionFactory, ConsentCache cache, ConsentMetrics metrics) {
        this.connectionFactory = connectionFactory;
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)
                || !(lettuce.getRequiredNativeClient() instanceof RedisClient redisClient)) {
            // CAUTION: without notices the cache stays off: every call reads its consent from Redis.
            log.warn("Consent change notices need a standalone Lettuce client; the consent cache stays off");
            running = true;
            return;
        }
        connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consent-changes-connect");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        connector.execute(() -> connect(redisClient));
    }

    private void connect(RedisClient redisClient) {
        if (!running) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> opened = redisClient.connectPubSub(StringCodec.UTF8);
            opened.addListener((RedisPubSubListener<String, String>) this);
            opened.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> disconnected) {
                    connectionLost();
                }
            });
            connection = opened;
            opened.sync().subscribe(ConsentStore.CHANGES_CHANNEL);
        } catch (RuntimeException ex) {
            log.warn("Cannot subscribe to consent changes yet (the consent cache stays off, calls read Redis); "
                    + "retrying in {}: {}", CONNECT_RETRY, ex.toString());
            StatefulRedisPubSubConnection<String, String> failed = connection;
            connection = null;
            if (failed != null) {
                failed.closeAsync();
            }
            ScheduledExecutorService retry = connector;
            if (running && retry != null) {
                retry.schedule(() -> connect(redisClient), CONNECT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void message(String channel, String consentId) {
        cache.drop(consentId);
        metrics.invalidated("notice");
    }

    @Override
    public void subscribed(String channel, long count) {
        cache.subscribed();
        metrics.invalidated("subscribed");
        log.info("Subscribed to {}: the consent cache is live (and was emptied)", channel);
    }

    private void connectionLost() {
        if (running) {
            cache.connectionLost();
            metrics.invalidated("connection-lost");
            log.warn("Lost the connection to {}: the consent cache was emptied and stays off until resubscribed",
                    ConsentStore.CHANGES_CHANNEL);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        cache.connectionLost();
        if (connector != null) {
            connector.shutdownNow();
        }
        StatefulRedisPubSubConnection<String, String> open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (like {@code ratelimit.RedisWarmUp}), after the Redis connection factory. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3072;
    }
}
