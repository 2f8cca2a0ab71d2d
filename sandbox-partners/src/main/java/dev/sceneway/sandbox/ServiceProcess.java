package dev.sceneway.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service JVM of the sandbox: started from its jar, logging to a file, ready when its health says UP. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final URI health;
    private final Path log;

    private ServiceProcess(String name, Process process, URI health, Path log) {
        this.name = name;
        this.process = process;
        this.health = health;
        this.log = log;
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <arguments>}; output goes to {@code log}. */
    static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> arguments,
            int managementPort, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            URI health = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health");
            return new ServiceProcess(name, process, health, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Polls the health endpoint until it answers 200 UP; fails early, with the log's tail, if the JVM exits. */
    void awaitHealthy(Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + ":\n" + logTail());
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(200); // a readiness poll, bounded by the deadline
        }
        throw new IllegalStateException(name + " was not healthy in time; its log ends with:\n" + logTail());
    }

    private boolean healthy() throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYetListening) {
            return false;
        }
    }

    /** Kills the JVM at once (SIGKILL), as a crash or an OOM killer would: nothing of it runs any more. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Asks the JVM to shut down gracefully (SIGTERM), then kills it and anything it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }
}
