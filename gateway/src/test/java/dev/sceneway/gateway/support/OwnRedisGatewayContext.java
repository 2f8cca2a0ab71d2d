package dev.sceneway.gateway.support;

import static org.awaitility.Awaitility.await;

import dev.sceneway.infra.SharedTestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a redis-server of its own ({@link RedisProcess}), which a test may kill (SIGKILL) or hang
 * (SIGSTOP) without disturbing the Redis every other context shares; one Spring context for every subclass. The
 * bank is lakeside (WireMock); {@link #PARTNER} has a plan there of 100 requests, then 100 per second. Before each
 * test Redis runs and the gateway's connection to it works again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient(timeout = "20s")
public abstract class OwnRedisGatewayContext {

    public static final String PARTNER = GatewayTokens.uniquePartner("own-redis");
    public static final RedisProcess REDIS = RedisProcess.startOnFreePort();
    private static String databaseUrl;

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected ReactiveStringRedisTemplate redis;

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        GatewayTestContext.registerDatabase(registry, OwnRedisGatewayContext::databaseUrl);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        registry.add("sceneway.gateway.tokens.require-dpop", () -> "false");
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".lakeside.capacity", () -> 100);
        registry.add("sceneway.gateway.tenancy.seed-plans." + PARTNER + ".lakeside.refill-per-second", () -> 100);
    }

    private static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = SharedTestInfrastructure.freshDatabase("gateway_failure_" + ProcessHandle.current().pid());
        }
        return databaseUrl;
    }

    @BeforeEach
    void redisIsUp() {
        REDIS.ensureRunning();
        // Lettuce reconnects on its own (backoff capped at 1 s).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                "PONG".equals(redis.execute(connection -> connection.ping()).blockFirst(Duration.ofSeconds(2))));
    }

    @AfterEach
    void resumeRedis() {
        REDIS.resume(); // never leave a stopped process behind, whatever the test did
    }
}
