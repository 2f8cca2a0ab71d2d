package dev.sceneway.products.ledger;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
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

    /** See {@link #write}. */
    private static final String WRITE = """
            WITH booked AS (
                INSERT INTO ledger_transaction (transaction_id, kind, description, booked_at)
                VALUES (?, ?, ?, ?)
                RETURNING transaction_id, booked_at
            ), posting AS (
                SELECT p.account_id COLLATE "C" AS account_id, p.currency, p.amount::numeric(19,2) AS amount
                FROM unnest(?::text[], ?::text[], ?::text[]) AS p(account_id, currency, amount)
            ), entries AS (
                INSERT INTO ledger_entry (transaction_id, account_id, currency, amount, booked_at)
                SELECT booked.transaction_id, posting.account_id, posting.currency, posting.amount, booked.booked_at
                FROM booked CROSS JOIN posting
            )
            UPDATE account SET booked_balance = account.booked_balance + posting.amount, version = account.version + 1
            FROM posting WHERE account.account_id = posting.account_id""";

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
     * <p>A {@link LedgerException} is always thrown before anything is written (only the account locks are taken), so
     * it does not mark the caller's transaction rollback-only: the caller may record the refusal and commit.
     *
     * @return the booked accounts as they are after the booking, in account id order
     */
    @Transactional(propagation = Propagation.REQUIRED, noRollbackFor = LedgerException.class)
    public List<LedgerAccount> book(NewTransaction transaction) {
        return book(transaction, locked -> {
        });
    }

    /**
     * Like {@link #book(NewTransaction)}, with {@code precondition} run on the locked accounts (by id; an unknown
     * account is absent) before anything else is checked or written: a caller's own rule on them (e.g. who owns the
     * debtor account) costs no extra query. What the precondition throws propagates as it is.
     */
    @Transactional(propagation = Propagation.REQUIRED, noRollbackFor = LedgerException.class)
    public List<LedgerAccount> book(NewTransaction transaction, Consumer<Map<String, LedgerAccount>> precondition) {
        TreeSet<String> wanted = new TreeSet<>(transaction.postings().stream().map(Posting::accountId).toList());
        Map<String, LedgerAccount> locked = lock(wanted);
        precondition.accept(Collections.unmodifiableMap(locked));
        if (locked.size() != wanted.size()) {
            wanted.removeAll(locked.keySet());
            throw new LedgerException.UnknownAccount(String.join(", ", wanted));
        }
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

    /** Locks the accounts that exist among {@code accountIds}, in id order; returns them by id. */
    private Map<String, LedgerAccount> lock(TreeSet<String> accountIds) {
        List<LedgerAccount> rows = jdbc.sql("SELECT " + LedgerAccounts.COLUMNS
                        + " FROM account WHERE account_id IN (:ids) ORDER BY account_id FOR UPDATE")
                .param("ids", List.copyOf(accountIds))
                .query(LedgerAccounts::map)
                .list();
        return rows.stream()
                .collect(Collectors.toMap(LedgerAccount::accountId, Function.identity(), (a, b) -> a, TreeMap::new));
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

    /**
     * The transaction, its entries and the balance changes in ONE statement (one round trip): data-modifying CTEs
     * run as a single command, the entries' foreign key to their transaction is checked at its end, the deferred
     * zero-sum trigger at commit. Relative balance update under the row locks: even a writer that skipped the lock
     * could not make this lose an update.
     */
    private void write(NewTransaction transaction, Map<String, LedgerAccount> accounts) {
        Timestamp bookedAt = Timestamp.from(transaction.bookedAt());
        int size = transaction.postings().size();
        String[] ids = new String[size];
        String[] currencies = new String[size];
        String[] amounts = new String[size];
        for (int i = 0; i < size; i++) {
            Posting posting = transaction.postings().get(i);
            ids[i] = posting.accountId();
            currencies[i] = accounts.get(posting.accountId()).currency().getCurrencyCode();
            amounts[i] = posting.amount().toPlainString();
        }
        batch.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(WRITE);
            statement.setObject(1, transaction.transactionId());
            statement.setString(2, transaction.kind());
            statement.setString(3, transaction.description());
            statement.setTimestamp(4, bookedAt);
            statement.setArray(5, connection.createArrayOf("text", ids));
            statement.setArray(6, connection.createArrayOf("text", currencies));
            statement.setArray(7, connection.createArrayOf("text", amounts));
            return statement;
        });
    }

}
