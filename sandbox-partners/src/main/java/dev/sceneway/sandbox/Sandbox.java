package dev.sceneway.sandbox;

import dev.sceneway.infra.Infrastructure;
import dev.sceneway.infra.PostgresServer;
import dev.sceneway.infra.RedisServerHandle;
import dev.sceneway.sandbox.bureau.SimulatedBureau;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox: PostgreSQL and Redis, the simulated credit bureau, then auth-server, the gateway and one
 * product-apis per bank, each a separate JVM talking to the others over real HTTP. Closing it stops everything it started, services first.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final SandboxSettings settings;
    private final PostgresServer postgres;
    private final RedisServerHandle redis;
    private @Nullable SimulatedBureau bureau;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, SandboxSettings.Ports> replicaPorts = new LinkedHashMap<>();

    private Sandbox(SandboxSettings settings, PostgresServer postgres, RedisServerHandle redis) {
        this.settings = settings;
        this.postgres = postgres;
        this.redis = redis;
    }

    /** Starts everything and returns once every service reports healthy. */
    public static Sandbox start(SandboxSettings settings, Infrastructure infrastructure) throws InterruptedException {
        PostgresServer postgres = infrastructure.postgres(settings.postgresPort(),
                settings.persistentData() ? settings.workDirectory().resolve("postgres") : null);
        RedisServerHandle redis;
        try {
            redis = infrastructure.redis(settings.redisPort());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        Sandbox sandbox = new Sandbox(settings, postgres, redis);
        try {
            sandbox.prepareDatabases();
            sandbox.bureau = SimulatedBureau.start(settings.bureauPort());
            sandbox.startServices();
            return sandbox;
        } catch (RuntimeException | InterruptedException e) {
            sandbox.close();
            throw e;
        }
    }

    private void prepareDatabases() {
        for (String purpose : List.of("auth", "products", "gateway")) {
            String database = settings.database(purpose);
            if (settings.persistentData()) {
                postgres.createDatabaseIfMissing(database);
            } else {
                postgres.recreateDatabase(database);
            }
        }
    }

    private void startServices() throws InterruptedException {
        launch(ServiceCommands.AUTH_SERVER);
        for (SandboxSettings.Bank bank : settings.banks()) {
            launch(ServiceCommands.productApis(bank.id()));
        }
        launch(ServiceCommands.GATEWAY);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (ServiceProcess service : services.values()) {
            service.awaitHealthy(deadline);
        }
    }

    private void launch(String service) {
        ServiceCommands commands = new ServiceCommands(settings, postgres, redis, replicaPorts);
        ServiceProcess process = ServiceProcess.start(service, settings.jar(commands.module(service)),
                settings.jvmOptions(), commands.arguments(service), commands.managementPort(service),
                settings.workDirectory().resolve("logs").resolve(service + ".log"));
        services.put(service, process);
        log.info("started {} (pid {})", service, process.pid());
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The PostgreSQL server the services keep their data in (a test looks into a bank's ledger with it). */
    public PostgresServer postgres() {
        return postgres;
    }

    /** Names of the running services, in start order. */
    public List<String> services() {
        return List.copyOf(services.keySet());
    }

    /**
     * Process ids of everything this sandbox runs: this JVM, the services, embedded Redis and, when embedded, the
     * PostgreSQL server with its backends (it daemonizes, so it is found through its postmaster.pid).
     */
    public List<Long> processIds() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle self = ProcessHandle.current();
        pids.add(self.pid());
        self.descendants().forEach(child -> pids.add(child.pid()));
        postmaster().ifPresent(postgres -> {
            pids.add(postgres.pid());
            postgres.descendants().forEach(backend -> pids.add(backend.pid()));
        });
        return pids.stream().distinct().toList();
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = settings.workDirectory().resolve("postgres").resolve("postmaster.pid");
        try {
            return Files.isReadable(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException | NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts one more gateway replica (same configuration, same Redis and database, its own ports), as an operator
     * scales out, and waits until it is healthy.
     *
     * @return the replica's base URL
     */
    public String startGatewayReplica() throws InterruptedException {
        String name = ServiceCommands.GATEWAY_REPLICA + (replicaPorts.size() + 2);
        SandboxSettings.Ports ports = new SandboxSettings.Ports(Infrastructure.freePort(), Infrastructure.freePort());
        replicaPorts.put(name, ports);
        launch(name);
        services.get(name).awaitHealthy(Instant.now().plus(START_TIMEOUT));
        return "http://localhost:" + ports.server();
    }

    /** Stops one service, e.g. to show what partners see when a bank's service is down. */
    public void stop(String service) {
        ServiceProcess process = services.remove(service);
        if (process == null) {
            throw new NoSuchElementException("no running service " + service + "; running: " + services.keySet());
        }
        process.close();
    }

    /** Stops and starts one service again (same ports, same data) and waits until it is healthy. */
    public void restart(String service) throws InterruptedException {
        stop(service);
        launch(service);
        services.get(service).awaitHealthy(Instant.now().plus(START_TIMEOUT));
    }

    @Override
    public void close() {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        Collections.reverse(running);
        running.parallelStream().forEach(ServiceProcess::close);
        services.clear();
        if (bureau != null) {
            closeQuietly(bureau);
        }
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) { // already stopped by the same Ctrl-C: nothing left to do
            log.debug("stopping {} failed: {}", server, e.getMessage());
        }
    }
}
