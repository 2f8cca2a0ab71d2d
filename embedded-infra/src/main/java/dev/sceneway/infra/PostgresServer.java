package dev.sceneway.infra;

/** A running PostgreSQL server that databases can be created in. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String username();

    String password();

    /** JDBC URL of {@code database} on this server. */
    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + DatabaseNames.check(database);
    }

    /** Creates {@code database} unless it exists; keeps its data when it does. */
    void createDatabaseIfMissing(String database);

    /** Drops {@code database} (closing its connections) and creates it empty. */
    void recreateDatabase(String database);

    /** Stops the server if this process started it; an external server is left running. */
    @Override
    void close();
}
