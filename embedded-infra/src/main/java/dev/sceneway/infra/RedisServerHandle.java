package dev.sceneway.infra;

/** A running Redis server. */
public interface RedisServerHandle extends AutoCloseable {

    String host();

    int port();

    /** Stops the server if this process started it; an external server is left running. */
    @Override
    void close();
}
