package dev.sceneway.infra;

/** A PostgreSQL server somebody else runs (CI's, an operator's); never stopped from here. */
final class ExternalPostgresServer extends JdbcPostgresServer {

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    ExternalPostgresServer(String host, int port, String username, String password) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, but was " + port);
        }
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    @Override public String host() { return host; }
    @Override public int port() { return port; }
    @Override public String username() { return username; }
    @Override public String password() { return password; }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
