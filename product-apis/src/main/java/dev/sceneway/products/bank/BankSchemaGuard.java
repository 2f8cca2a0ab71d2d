package dev.sceneway.products.bank;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Refuses to migrate any schema but this bank's. application.yml binds Flyway's schemas and the pool's
 * schema (the connections' search path) to {@code sceneway.bank.id}; this check runs before Flyway touches
 * the database, so a bad bank id (validated in {@link BankProperties}) or an override that points Flyway or
 * the pool elsewhere stops the start instead of writing into another bank's schema.
 */
@Component
class BankSchemaGuard implements FlywayConfigurationCustomizer {

    private static final Logger log = LoggerFactory.getLogger(BankSchemaGuard.class);

    private final BankProperties bank;

    BankSchemaGuard(BankProperties bank) {
        this.bank = bank;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        String schema = bank.schema();
        List<String> schemas = Arrays.asList(configuration.getSchemas());
        if (!schema.equals(configuration.getDefaultSchema()) || !schemas.equals(List.of(schema))) {
            throw new IllegalStateException("Flyway must migrate only the schema of bank '" + bank.id()
                    + "', but spring.flyway.default-schema=" + configuration.getDefaultSchema()
                    + " and spring.flyway.schemas=" + schemas);
        }
        if (configuration.getDataSource() instanceof HikariDataSource pool && !schema.equals(pool.getSchema())) {
            throw new IllegalStateException("Connections must use the schema of bank '" + bank.id()
                    + "', but spring.datasource.hikari.schema=" + pool.getSchema());
        }
        log.info("Serving bank '{}' ({}) from PostgreSQL schema '{}'", bank.id(), bank.name(), schema);
    }
}
