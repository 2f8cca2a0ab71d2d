package dev.sceneway.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Database administration over JDBC, shared by the embedded and the external server. */
abstract class JdbcPostgresServer implements PostgresServer {

    @Override
    public void createDatabaseIfMissing(String database) {
        DatabaseNames.check(database);
        try (Connection admin = adminConnection()) {
            if (!exists(admin, database)) {
                try (Statement create = admin.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another process won the race
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void recreateDatabase(String database) {
        DatabaseNames.check(database);
        try (Connection admin = adminConnection(); Statement ddl = admin.createStatement()) {
            ddl.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            ddl.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + database + ": " + e.getMessage(), e);
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            return query.executeQuery().next();
        }
    }
}
