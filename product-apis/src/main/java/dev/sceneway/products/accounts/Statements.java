package dev.sceneway.products.accounts;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads an account's statement from the ledger, newest first, in the stable order (booked_at DESC, transaction_id
 * DESC) that ledger_entry_statement_idx serves; the cursor condition is a row comparison on the same two keys, so a
 * page starts exactly after the previous one.
 */
@Repository
class Statements {

    private final JdbcClient jdbc;

    Statements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StatementLine> read(StatementQuery query) {
        List<String> where = new ArrayList<>(List.of("e.account_id = :account"));
        if (query.from() != null) {
            where.add("e.booked_at >= :from");
        }
        if (query.until() != null) {
            where.add("e.booked_at < :until");
        }
        if (query.credits() != null) {
            where.add(query.credits() ? "e.amount > 0" : "e.amount < 0");
        }
        if (query.after() != null) {
            where.add("(e.booked_at, e.transaction_id) < (:afterAt, :afterId)");
        }
        JdbcClient.StatementSpec sql = jdbc.sql("""
                        SELECT e.transaction_id, e.booked_at, e.amount, e.currency, t.kind, t.description
                        FROM ledger_entry e JOIN ledger_transaction t ON t.transaction_id = e.transaction_id
                        WHERE %s
                        ORDER BY e.booked_at DESC, e.transaction_id DESC
                        LIMIT :max""".formatted(String.join(" AND ", where)))
                .param("account", query.accountId())
                .param("max", query.max());
        if (query.from() != null) {
            sql = sql.param("from", Timestamp.from(query.from()));
        }
        if (query.until() != null) {
            sql = sql.param("until", Timestamp.from(query.until()));
        }
        if (query.after() != null) {
            sql = sql.param("afterAt", Timestamp.from(query.after().bookedAt()))
                    .param("afterId", query.after().transactionId());
        }
        return sql.query((row, n) -> new StatementLine(
                        row.getObject("transaction_id", UUID.class),
                        row.getObject("booked_at", OffsetDateTime.class).toInstant(),
                        row.getBigDecimal("amount"),
                        Currency.getInstance(row.getString("currency")),
                        row.getString("kind"),
                        row.getString("description")))
                .list();
    }
}
