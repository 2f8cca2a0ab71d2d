package dev.sceneway.products.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.products.support.LakesideInstanceTest;
import java.math.BigDecimal;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The sandbox's lakeside accounts: the documented balances, reached through a consistent, re-runnable history. */
class SandboxLedgerIT extends LakesideInstanceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void sandboxAccountsWhenSeededThenHoldTheDocumentedBalances() {
        Map<String, BigDecimal> balances = Map.of("LS-ALICE-CUR", new BigDecimal("2500.00"),
                "LS-ALICE-SAV", new BigDecimal("10000.00"), "LS-BOB-CUR", new BigDecimal("1200.00"),
                "LS-RENO-MERCHANT", new BigDecimal("0.00"), "LS-SHOP-MERCHANT", new BigDecimal("0.00"));
        balances.forEach((account, balance) -> assertThat(seededBalance(account)).as(account).isEqualTo(balance));
        assertThat(jdbc.sql("SELECT owner_id FROM account WHERE account_id IN ('LS-ALICE-CUR', 'LS-ALICE-SAV')")
                .query(String.class).list()).containsOnly("alice");
    }

    @Test
    void sandboxHistoryWhenSeededThenEveryBalanceIsTheSumOfItsEntriesAndEveryTransactionBalances() {
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM account a
                        WHERE a.booked_balance <> (SELECT COALESCE(sum(e.amount), 0) FROM ledger_entry e
                                                   WHERE e.account_id = a.account_id)""")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM (SELECT transaction_id FROM ledger_entry
                                              GROUP BY transaction_id, currency HAVING sum(amount) <> 0) AS unbalanced""")
                .query(Integer.class).single()).isZero();
        assertThat(entries("LS-ALICE-CUR")).isGreaterThanOrEqualTo(40);
        assertThat(entries("LS-BOB-CUR")).isGreaterThanOrEqualTo(40);
        assertThat(jdbc.sql("SELECT count(DISTINCT kind) FROM ledger_transaction t JOIN ledger_entry e USING (transaction_id)"
                        + " WHERE e.account_id = 'LS-ALICE-CUR'")
                .query(Integer.class).single()).as("kinds of transaction on alice's account").isGreaterThanOrEqualTo(5);
    }

    @Test
    void sandboxSeedWhenRunAgainThenBooksNothingTwice() {
        String snapshot = """
                SELECT (SELECT count(*) FROM ledger_entry) || '|' ||
                       (SELECT string_agg(account_id || '=' || booked_balance || '/' || version, ',' ORDER BY account_id)
                        FROM account WHERE account_id LIKE 'LS-%')""";
        String before = jdbc.sql(snapshot).query(String.class).single();

        new ResourceDatabasePopulator(new ClassPathResource("db/seed/lakeside/R__sandbox_accounts.sql"))
                .execute(dataSource);

        assertThat(jdbc.sql(snapshot).query(String.class).single()).isEqualTo(before);
    }

    private BigDecimal seededBalance(String account) {
        return jdbc.sql("SELECT booked_balance FROM account WHERE account_id = :id").param("id", account)
                .query(BigDecimal.class).single();
    }

    private int entries(String account) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE account_id = :id").param("id", account)
                .query(Integer.class).single();
    }
}
