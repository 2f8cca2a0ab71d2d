package dev.sceneway.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Starts, or finds, the PostgreSQL and Redis servers that Sceneway needs.
 *
 * <p>When {@code SCENEWAY_POSTGRES_HOST} (with optional {@code SCENEWAY_POSTGRES_PORT}, {@code _USER},
 * {@code _PASSWORD}) or {@code SCENEWAY_REDIS_HOST} (with optional {@code SCENEWAY_REDIS_PORT}) are set, those
 * servers are used; otherwise real servers are started from embedded binaries.
 */
public final class Infrastructure {

    public static final String POSTGRES_HOST = "SCENEWAY_POSTGRES_HOST";
    public static final String REDIS_HOST = "SCENEWAY_REDIS_HOST";

    private final Map<String, String> environment;

    public Infrastructure(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Reads the process environment. */
    public static Infrastructure fromEnvironment() {
        return new Infrastructure(System.getenv());
    }

    public boolean externalPostgres() {
        return hasText(POSTGRES_HOST);
    }

    public boolean externalRedis() {
        return hasText(REDIS_HOST);
    }

    /**
     * The external PostgreSQL when one is named, else an embedded one on {@code embeddedPort} (0 picks a free
     * port) keeping its data in {@code dataDirectory} (null: a fresh, throw-away cluster).
     */
    public PostgresServer postgres(int embeddedPort, @Nullable Path dataDirectory) {
        if (externalPostgres()) {
            return new ExternalPostgresServer(environment.get(POSTGRES_HOST),
                    intValue("SCENEWAY_POSTGRES_PORT", 5432),
                    environment.getOrDefault("SCENEWAY_POSTGRES_USER", "postgres"),
                    environment.getOrDefault("SCENEWAY_POSTGRES_PASSWORD", ""));
        }
        return EmbeddedPostgresServer.start(embeddedPort == 0 ? freePort() : embeddedPort, dataDirectory);
    }

    /** The external Redis when one is named, else an embedded one on {@code embeddedPort} (0 picks a free port). */
    public RedisServerHandle redis(int embeddedPort) {
        if (externalRedis()) {
            return new ExternalRedisServer(environment.get(REDIS_HOST), intValue("SCENEWAY_REDIS_PORT", 6379));
        }
        return EmbeddedRedisServer.start(embeddedPort == 0 ? freePort() : embeddedPort);
    }

    /** A TCP port on loopback that nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    private boolean hasText(String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    private int intValue(String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, but was '" + value + "'", e);
        }
    }
}
