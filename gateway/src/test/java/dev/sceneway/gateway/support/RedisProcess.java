package dev.sceneway.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process of one test class's own, on a free port, that the test may kill (SIGKILL) or hang
 * (SIGSTOP) without touching the Redis the other tests share. Needs {@code redis-server} on the PATH (Debian's
 * package; the sandbox's embedded Redis is the same binary).
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private Process process;
    private boolean stopped;

    private RedisProcess(int port) {
        this.port = port;
    }

    public static RedisProcess startOnFreePort() {
        RedisProcess redis = new RedisProcess(freePort());
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "stop-test-redis-process"));
        return redis;
    }

    public int port() {
        return port;
    }

    /** Starts it again on the same port if it was killed; resumes it if it was stopped. */
    public synchronized void ensureRunning() {
        if (process != null && process.isAlive()) {
            resume();
            return;
        }
        start();
    }

    /** SIGKILL: no shutdown, connections reset, the port refuses from now on. */
    public synchronized void kill() throws InterruptedException {
        resume();
        process.destroyForcibly(); // SIGKILL on Unix
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-server on port " + port + " survived SIGKILL");
        }
    }

    /** SIGSTOP: connections stay open, nothing is answered until {@link #resume()}. */
    public synchronized void hang() {
        signal("-STOP");
        stopped = true;
    }

    /** SIGCONT, if {@link #hang()} stopped it. */
    public synchronized void resume() {
        if (stopped && process != null && process.isAlive()) {
            signal("-CONT");
        }
        stopped = false;
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            resume();
            process.destroyForcibly();
        }
    }

    private void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--loglevel", "warning")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start redis-server (is it on the PATH?)", ex);
        }
        stopped = false;
        awaitPong();
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue());
            }
            if (pong()) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING in " + START_TIMEOUT);
    }

    private boolean pong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
