package dev.sceneway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the project's Node scripts (the independent OAuth client) from a test: skipped without Node, except in CI. */
public final class NodeScripts {

    private NodeScripts() {
    }

    /** Skips the calling test when Node.js is absent; in CI (variable {@code CI} set) its absence fails instead. */
    public static void assumeNode() {
        boolean present;
        try {
            present = new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs Node.js for the independent OAuth client");
        }
        Assumptions.assumeTrue(present, "Node.js is not installed: the independent OAuth client is SKIPPED");
    }

    /** Debian's Chromium, which the browser tests drive (Playwright never downloads a browser here). */
    public static final java.nio.file.Path CHROMIUM = java.nio.file.Path.of("/usr/bin/chromium");

    /**
     * Skips the calling test when Node.js or Debian's Chromium ({@link #CHROMIUM}) is absent; in CI their absence
     * fails instead.
     */
    public static void assumeNodeAndChromium() {
        assumeNode();
        boolean present = java.nio.file.Files.isExecutable(CHROMIUM);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs Chromium at " + CHROMIUM + " (apt-get install chromium) for the "
                    + "browser tests");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed at " + CHROMIUM + ": the browser test is SKIPPED");
    }

    /** Runs {@code command} in {@code directory} and returns its output; fails unless it exits 0 within 120 s. */
    public static String run(Path directory, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue() + "; output:\n" + output);
        }
        return output;
    }
}
