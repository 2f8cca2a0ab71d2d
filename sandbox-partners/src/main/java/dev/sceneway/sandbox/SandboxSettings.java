package dev.sceneway.sandbox;

import dev.sceneway.infra.Infrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the sandbox's pieces listen and keep their data.
 *
 * @param home           the repository root (the service jars are under {@code <module>/target/})
 * @param workDirectory  logs and the embedded PostgreSQL data directory
 * @param persistentData keep PostgreSQL data between runs (the sandbox) or start empty (the tests)
 * @param databasePrefix prefix of the databases created ({@code sceneway} → {@code sceneway_auth}, ...)
 * @param bureauPort     the simulated credit bureau (WireMock with the test personas) the banks ask
 * @param banks          the banks (tenants), each served by its own product-apis
 * @param jvmOptions     options for every service JVM (small heaps: the sandbox is not a benchmark)
 */
public record SandboxSettings(
        Path home,
        Path workDirectory,
        boolean persistentData,
        String databasePrefix,
        int postgresPort,
        int redisPort,
        int bureauPort,
        Ports auth,
        Ports gateway,
        List<Bank> banks,
        List<String> jvmOptions) {

    /** A service's public port and its management (actuator) port. */
    public record Ports(int server, int management) {
    }

    /** A bank (tenant) of the alliance and the ports of its product-apis. */
    public record Bank(String id, String name, Ports ports) {
    }

    private static final String LAKESIDE = "Lakeside Savings Bank";
    private static final String HARBOUR = "Harbour Rural Commercial Bank";

    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx256m",
            "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=48m", "-Xshare:auto");

    public SandboxSettings {
        if (!Files.isDirectory(home)) {
            throw new IllegalArgumentException("home must be the repository root, but " + home + " is no directory");
        }
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("banks must name at least one bank");
        }
        banks = List.copyOf(banks);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The documented sandbox: fixed ports (gateway 8080, auth-server 9000, banks 8090+, credit bureau 8095), data
     * kept in .sandbox/.
     */
    public static SandboxSettings standard(Path home, @Nullable String jvmOptionsOverride) {
        List<Bank> banks = List.of(
                new Bank("lakeside", LAKESIDE, new Ports(8090, 9090)),
                new Bank("harbour", HARBOUR, new Ports(8091, 9091)));
        return new SandboxSettings(home, home.resolve(".sandbox"), true, "sceneway", 5433, 6380, 8095,
                new Ports(9000, 9100), new Ports(8080, 9080), banks, jvmOptions(jvmOptionsOverride));
    }

    /** Everything on free ports with throw-away data, so a test run never collides with a running sandbox. */
    public static SandboxSettings isolated(Path home, Path workDirectory, String databasePrefix) {
        List<Bank> banks = List.of(new Bank("lakeside", LAKESIDE, freePorts()), new Bank("harbour", HARBOUR, freePorts()));
        return new SandboxSettings(home, workDirectory, false, databasePrefix, 0, 0,
                Infrastructure.freePort(), freePorts(), freePorts(),
                banks, DEFAULT_JVM_OPTIONS);
    }

    public String issuer() {
        return "http://localhost:" + auth.server();
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.server();
    }

    public String bureauUrl() {
        return "http://127.0.0.1:" + bureauPort;
    }

    public String database(String purpose) {
        return databasePrefix + "_" + purpose;
    }

    public Path jar(String module) {
        return home.resolve(module).resolve("target").resolve(module + ".jar");
    }

    private static List<String> jvmOptions(@Nullable String override) {
        return override == null || override.isBlank() ? DEFAULT_JVM_OPTIONS : List.of(override.trim().split("\\s+"));
    }

    private static Ports freePorts() {
        return new Ports(Infrastructure.freePort(), Infrastructure.freePort());
    }
}
