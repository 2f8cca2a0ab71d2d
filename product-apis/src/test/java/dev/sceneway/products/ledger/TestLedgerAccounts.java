package dev.sceneway.products.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts of a test's own (ids unique per test run, so tests sharing the lakeside schema never touch each other's
 * balances), funded from a bank-internal account through the ledger like real money.
 */
final class TestLedgerAccounts {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final String prefix;
    final String bank;

    TestLedgerAccounts(JdbcClient jdbc, Ledger ledger, String currency) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.prefix = "T" + Long.toString(System.nanoTime(), 36).toUpperCase() + SEQUENCE.incrementAndGet();
        this.bank = insert("BANK", "bank", "internal", currency, null);
    }

    /** A customer's current account holding {@code opening}, allowed {@code overdraft} below zero. */
    String customerAccount(String name, String currency, String opening, String overdraft) {
        String id = insert(name, "customer", "current", currency, new BigDecimal(overdraft));
        if (new BigDecimal(opening).signum() != 0) {
            ledger.book(NewTransaction.transfer(UUID.randomUUID(), "opening-balance", "Opening balance",
                    Instant.now(), bank, id, new BigDecimal(opening)));
        }
        return id;
    }

    private String insert(String name, String ownerType, String kind, String currency, @Nullable BigDecimal overdraft) {
        String id = prefix + "-" + name;
        jdbc.sql("""
                        INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                             opened_on)
                        VALUES (:id, :ownerType, :owner, :kind, :name, :currency, :overdraft, :openedOn)""")
                .param("id", id)
                .param("ownerType", ownerType)
                .param("owner", name.toLowerCase())
                .param("kind", kind)
                .param("name", name + " account")
                .param("currency", currency)
                .param("overdraft", overdraft)
                .param("openedOn", LocalDate.now())
                .update();
        return id;
    }

    BigDecimal balance(String accountId) {
        return jdbc.sql("SELECT booked_balance FROM account WHERE account_id = :id").param("id", accountId)
                .query(BigDecimal.class).single();
    }

    BigDecimal sumOfEntries(String accountId) {
        return jdbc.sql("SELECT COALESCE(sum(amount), 0.00) FROM ledger_entry WHERE account_id = :id")
                .param("id", accountId).query(BigDecimal.class).single();
    }

    long version(String accountId) {
        return jdbc.sql("SELECT version FROM account WHERE account_id = :id").param("id", accountId)
                .query(Long.class).single();
    }

    long entries(String accountId) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE account_id = :id").param("id", accountId)
                .query(Long.class).single();
    }

    long transactionsTouching(List<String> accountIds) {
        return jdbc.sql("SELECT count(DISTINCT transaction_id) FROM ledger_entry WHERE account_id IN (:ids)")
                .param("ids", accountIds).query(Long.class).single();
    }
}
