package dev.sceneway.products.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads accounts from the bank's schema (unqualified table names: the pool's search path is the bank's schema).
 * Reads here take no locks; {@link Ledger} locks the accounts it books on.
 */
@Repository
public class LedgerAccounts {

    static final String COLUMNS = """
            account_id, owner_type, owner_id, kind, name, currency, overdraft_limit, booked_balance, version, opened_on""";

    private final JdbcClient jdbc;

    LedgerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LedgerAccount> find(String accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE account_id = :id")
                .param("id", accountId)
                .query(LedgerAccounts::map)
                .optional();
    }

    /** The accounts among {@code accountIds} that exist, in account id order. */
    public List<LedgerAccount> findAll(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE account_id IN (:ids) ORDER BY account_id")
                .param("ids", List.copyOf(accountIds))
                .query(LedgerAccounts::map)
                .list();
    }

    /**
     * Opens an account (balance 0) in the caller's transaction; {@code overdraftLimit} null only for the bank's own.
     * Used by products that hold money in accounts of their own (a loan, an escrow).
     */
    public void open(String accountId, LedgerAccount.Owner owner, LedgerAccount.Kind kind, String name,
            java.util.Currency currency, java.math.@org.jspecify.annotations.Nullable BigDecimal overdraftLimit,
            java.time.LocalDate openedOn) {
        jdbc.sql("""
                        INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                             opened_on)
                        VALUES (:id, :ownerType, :owner, :kind, :name, :currency, :overdraft, :openedOn)""")
                .param("id", accountId).param("ownerType", owner.type().name().toLowerCase(Locale.ROOT))
                .param("owner", owner.id()).param("kind", kind.name().toLowerCase(Locale.ROOT)).param("name", name)
                .param("currency", currency.getCurrencyCode()).param("overdraft", overdraftLimit)
                .param("openedOn", openedOn)
                .update();
    }

    static LedgerAccount map(ResultSet row, int rowNumber) throws SQLException {
        return new LedgerAccount(
                row.getString("account_id"),
                new LedgerAccount.Owner(enumValue(LedgerAccount.OwnerType.class, row.getString("owner_type")),
                        row.getString("owner_id")),
                enumValue(LedgerAccount.Kind.class, row.getString("kind")),
                row.getString("name"),
                Currency.getInstance(row.getString("currency")),
                row.getBigDecimal("overdraft_limit"),
                row.getBigDecimal("booked_balance"),
                row.getLong("version"),
                row.getObject("opened_on", java.time.LocalDate.class));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
