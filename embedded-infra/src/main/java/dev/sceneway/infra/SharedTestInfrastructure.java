package dev.sceneway.infra;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One PostgreSQL and one Redis per test JVM, started on first use and stopped when the JVM exits, so that
 * every Spring context of a module's test suite shares them. Each caller of {@link #freshDatabase} gets a
 * database of its own, so cached contexts never see each other's rows.
 */
public final class SharedTestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static @Nullable PostgresServer postgres;
    private static @Nullable RedisServerHandle redis;

    private SharedTestInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            PostgresServer started = Infrastructure.fromEnvironment().postgres(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-postgres"));
            postgres = started;
        }
        return postgres;
    }

    public static synchronized RedisServerHandle redis() {
        if (redis == null) {
            RedisServerHandle started = Infrastructure.fromEnvironment().redis(0);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-redis"));
            redis = started;
        }
        return redis;
    }

    /**
     * An empty database named after {@code purpose} and this JVM's process id (two test JVMs on one server, e.g.
     * two worktrees, never drop each other's databases); a leftover of an earlier run with the same name is
     * dropped first. Returns its JDBC URL.
     */
    public static String freshDatabase(String purpose) {
        String name = "sceneway_test_" + purpose + "_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet();
        postgres().recreateDatabase(name);
        return postgres().jdbcUrl(name);
    }
}
