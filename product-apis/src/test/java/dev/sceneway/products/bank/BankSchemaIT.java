package dev.sceneway.products.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.products.support.LakesideInstanceTest;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

class BankSchemaIT extends LakesideInstanceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void flywayWhenStartedThenCreatedTheTablesInTheBanksSchemaNotPublic() {
        List<String> schemas = jdbc.sql("""
                        SELECT table_schema FROM information_schema.tables
                        WHERE table_name IN ('credit_product', 'flyway_schema_history')""")
                .query(String.class).list();
        // The harbour context (another test class) may share this database; it must add its own schema only.
        assertThat(schemas).contains("lakeside").doesNotContain("public");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM information_schema.tables
                        WHERE table_schema = 'lakeside' AND table_name IN ('credit_product', 'flyway_schema_history')""")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void connectionsWhenPooledThenSearchPathIsTheBanksSchema() {
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo("lakeside");
    }

    @Test
    void sandboxSeedWhenRunAgainThenChangesNothing() {
        String snapshot = "SELECT string_agg(t::text, '|' ORDER BY product_id) FROM credit_product t";
        String before = jdbc.sql(snapshot).query(String.class).single();

        new ResourceDatabasePopulator(new ClassPathResource("db/seed/lakeside/R__sandbox_credit_products.sql"))
                .execute(dataSource);

        assertThat(jdbc.sql(snapshot).query(String.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM credit_product").query(Integer.class).single()).isEqualTo(4);
    }
}
