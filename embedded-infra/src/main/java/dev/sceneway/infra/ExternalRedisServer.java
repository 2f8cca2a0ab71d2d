package dev.sceneway.infra;

/** A Redis server somebody else runs; never stopped from here. */
record ExternalRedisServer(String host, int port) implements RedisServerHandle {

    ExternalRedisServer {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, but was " + port);
        }
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
