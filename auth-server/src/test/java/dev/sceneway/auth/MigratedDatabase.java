package dev.sceneway.auth;

import dev.sceneway.infra.SharedTestInfrastructure;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh database with this module's migrations applied, for tests that need the schema but no Spring context. */
public record MigratedDatabase(String url, JdbcTemplate jdbc, TransactionTemplate transactions) {

    public static MigratedDatabase create(String purpose) {
        String url = SharedTestInfrastructure.freshDatabase(purpose);
        DataSource dataSource = new DriverManagerDataSource(url, SharedTestInfrastructure.postgres().username(),
                SharedTestInfrastructure.postgres().password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        return new MigratedDatabase(url, new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }
}
