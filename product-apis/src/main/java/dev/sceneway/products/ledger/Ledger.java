package dev.sceneway.products.ledger;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Books transactions: the only code that writes entries and balances.
 *
 * <p>Concurrency: the accounts of a booking are locked with {@code SELECT ... FOR UPDATE} in {@code account_id}
 * order (PostgreSQL locks the rows as the sorted result is produced), so two bookings on overlapping accounts always
 * take their locks in the same order and cannot deadlock; the second waits for the first to commit and then reads its
 * balance, so no update is lost. The balance check and the balance update happen under those locks, in the same
 * database transaction as the entries; the database checks the overdraft again (CHECK) and the zero sum at commit
 * (deferred constraint trigger).
 */
@Service
public class Ledger {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    Ledger(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Books {@code transaction} in the caller's database transaction, or a new one when there is none; throws a
     * {@link LedgerException} (and books nothing) when an account is unknown, the postings do not sum to zero in each
     * currency, or an account would go below minus its overdraft.
     *
     * @return the booked accounts as they are after the booking, in account id order
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public List<LedgerAccount> book(NewTransaction transaction) {
        Map<String, LedgerAccount> locked = lock(transaction.postings().stream().map(Posting::accountId).toList());
        checkBalanced(transaction, locked);
        List<LedgerAccount> after = new ArrayList<>();
        for (Posting posting : transaction.postings().stream()
                .sorted(Comparator.comparing(Posting::accountId)).toList()) {
            LedgerAccount account = locked.get(posting.accountId());
            if (!account.allows(posting.amount())) {
                throw new LedgerException.InsufficientFunds(account.accountId());
            }
            after.add(new LedgerAccount(account.accountId(), account.owner(), account.kind(), account.name(),
                    account.currency(), account.overdraftLimit(), account.bookedBalance().add(posting.amount()),
                    account.version() + 1, account.openedOn()));
        }
        write(transaction, locked);
        return List.copyOf(after);
    }

    private Map<String, LedgerAccount> lock(List<String> accountIds) {
        TreeSet<String> ordered = new TreeSet<>(accountIds);
        List<LedgerAccount> rows = jdbc.sql("SELECT " + LedgerAccounts.COLUMNS
                        + " FROM account WHERE account_id IN (:ids) ORDER BY account_id FOR UPDATE")
                .param("ids", List.copyOf(ordered))
                .query(LedgerAccounts::map)
                .list();
        Map<String, LedgerAccount> byId = rows.stream()
                .collect(Collectors.toMap(LedgerAccount::accountId, Function.identity(), (a, b) -> a, TreeMap::new));
        if (byId.size() != ordered.size()) {
            ordered.removeAll(byId.keySet());
            throw new LedgerException.UnknownAccount(String.join(", ", ordered));
        }
        return byId;
    }

    /** Every currency's postings sum to exactly zero (the amounts all have scale 2: no rounding is involved). */
    private static void checkBalanced(NewTransaction transaction, Map<String, LedgerAccount> accounts) {
        Map<Currency, BigDecimal> sums = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        for (Posting posting : transaction.postings()) {
            sums.merge(accounts.get(posting.accountId()).currency(), posting.amount(), BigDecimal::add);
        }
        String skewed = sums.entrySet().stream()
                .filter(sum -> sum.getValue().signum() != 0)
                .map(sum -> sum.getKey().getCurrencyCode() + " " + sum.getValue().toPlainString())
                .collect(Collectors.joining(", "));
        if (!skewed.isEmpty()) {
            throw new LedgerException.Unbalanced("they sum to " + skewed);
        }
    }

    private void write(NewTransaction transaction, Map<String, LedgerAccount> accounts) {
        Timestamp bookedAt = Timestamp.from(transaction.bookedAt());
        jdbc.sql("""
                        INSERT INTO ledger_transaction (transaction_id, kind, description, booked_at)
                        VALUES (:id, :kind, :description, :bookedAt)""")
                .param("id", transaction.transactionId())
                .param("kind", transaction.kind())
                .param("description", transaction.description())
                .param("bookedAt", bookedAt)
                .update();
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> balances = new ArrayList<>();
        for (Posting posting : transaction.postings()) {
            String currency = accounts.get(posting.accountId()).currency().getCurrencyCode();
            entries.add(new Object[] {transaction.transactionId(), posting.accountId(), currency, posting.amount(),
                    bookedAt});
            balances.add(new Object[] {posting.amount(), posting.accountId()});
        }
        batch.batchUpdate("""
                INSERT INTO ledger_entry (transaction_id, account_id, currency, amount, booked_at)
                VALUES (?, ?, ?, ?, ?)""", entries);
        // Relative update under the row lock: even a writer that skipped the lock could not make this lose an update.
        batch.batchUpdate("""
                UPDATE account SET booked_balance = booked_balance + ?, version = version + 1
                WHERE account_id = ?""", balances);
    }
}
