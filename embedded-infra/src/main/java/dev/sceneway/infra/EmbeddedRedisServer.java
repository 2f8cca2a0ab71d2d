package dev.sceneway.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** A Redis server started from the binary in the {@code embedded-redis} jar; keeps nothing on disk. */
final class EmbeddedRedisServer implements RedisServerHandle {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedRedisServer start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 128mb")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            return new EmbeddedRedisServer(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override public String host() { return "127.0.0.1"; }
    @Override public int port() { return port; }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
