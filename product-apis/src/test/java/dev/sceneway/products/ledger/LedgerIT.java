package dev.sceneway.products.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.products.support.LakesideInstanceTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's invariants, held by the code and, where the code is bypassed, by the database itself. */
class LedgerIT extends LakesideInstanceTest {

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestLedgerAccounts accounts;

    @BeforeEach
    void accounts() {
        accounts = new TestLedgerAccounts(jdbc, ledger, "EUR");
    }

    @Test
    void bookWhenTransferThenBothBalancesMoveAndTheEntriesSumToZero() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");
        String bob = accounts.customerAccount("BOB", "EUR", "0.00", "0.00");

        List<LedgerAccount> after = ledger.book(NewTransaction.transfer(UUID.randomUUID(), "transfer", "Rent share",
                Instant.now(), alice, bob, new BigDecimal("40.25")));

        assertThat(after).extracting(LedgerAccount::bookedBalance)
                .containsExactly(new BigDecimal("59.75"), new BigDecimal("40.25"));
        assertThat(accounts.balance(alice)).isEqualByComparingTo("59.75").isEqualByComparingTo(accounts.sumOfEntries(alice));
        assertThat(accounts.balance(bob)).isEqualByComparingTo("40.25").isEqualByComparingTo(accounts.sumOfEntries(bob));
        assertThat(accounts.version(alice)).isEqualTo(2);
    }

    @Test
    void bookWhenDebitWouldGoBeyondTheOverdraftThenInsufficientFundsAndNothingIsBooked() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "50.00");
        String bob = accounts.customerAccount("BOB", "EUR", "0.00", "0.00");

        assertThatThrownBy(() -> ledger.book(NewTransaction.transfer(UUID.randomUUID(), "transfer", "Too much",
                        Instant.now(), alice, bob, new BigDecimal("150.01"))))
                .isInstanceOf(LedgerException.InsufficientFunds.class)
                .hasMessageContaining(alice);

        assertThat(accounts.balance(alice)).isEqualByComparingTo("100.00");
        assertThat(accounts.balance(bob)).isEqualByComparingTo("0.00");
        assertThat(accounts.entries(bob)).isZero();
    }

    @Test
    void bookWhenDebitUsesTheOverdraftExactlyThenBalanceIsMinusTheLimit() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "50.00");
        String bob = accounts.customerAccount("BOB", "EUR", "0.00", "0.00");

        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "transfer", "All in", Instant.now(), alice, bob,
                new BigDecimal("150.00")));

        assertThat(accounts.balance(alice)).isEqualByComparingTo("-50.00");
    }

    @Test
    void bookWhenPostingsDoNotSumToZeroThenUnbalancedAndNothingIsBooked() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");
        String bob = accounts.customerAccount("BOB", "EUR", "0.00", "0.00");

        assertThatThrownBy(() -> ledger.book(new NewTransaction(UUID.randomUUID(), "transfer", "Money from nowhere",
                        Instant.now(), List.of(Posting.debit(alice, new BigDecimal("10.00")),
                                Posting.credit(bob, new BigDecimal("10.01"))))))
                .isInstanceOf(LedgerException.Unbalanced.class)
                .hasMessageContaining("EUR 0.01");

        assertThat(accounts.entries(bob)).isZero();
    }

    @Test
    void bookWhenLegsAreInTwoCurrenciesThenEachCurrencyMustBalance() {
        String euros = accounts.customerAccount("EUROS", "EUR", "100.00", "0.00");
        TestLedgerAccounts yuanBank = new TestLedgerAccounts(jdbc, ledger, "CNY");
        String yuan = yuanBank.customerAccount("YUAN", "CNY", "0.00", "0.00");

        assertThatThrownBy(() -> ledger.book(NewTransaction.transfer(UUID.randomUUID(), "transfer", "No FX here",
                        Instant.now(), euros, yuan, new BigDecimal("10.00"))))
                .isInstanceOf(LedgerException.Unbalanced.class)
                .hasMessageContaining("CNY 10.00")
                .hasMessageContaining("EUR -10.00");
    }

    @Test
    void bookWhenAnAccountDoesNotExistThenUnknownAccountAndNothingIsBooked() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");

        assertThatThrownBy(() -> ledger.book(NewTransaction.transfer(UUID.randomUUID(), "transfer", "Into the void",
                        Instant.now(), alice, "NO-SUCH-ACCOUNT", new BigDecimal("1.00"))))
                .isInstanceOf(LedgerException.UnknownAccount.class)
                .hasMessageContaining("NO-SUCH-ACCOUNT");
        assertThat(accounts.balance(alice)).isEqualByComparingTo("100.00");
    }

    @Test
    void databaseWhenEntriesThatDoNotBalanceAreCommittedThenTheDeferredTriggerRefusesTheCommit() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            insertTransaction(id);
            insertEntry(id, alice, "EUR", "-5.00");
            insertEntry(id, accounts.bank, "EUR", "4.99");
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("does not balance");

        assertThat(countTransactions(id)).isZero();
    }

    @Test
    void databaseWhenATransactionHasASingleEntryThenTheCommitIsRefused() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            insertTransaction(id);
            insertEntry(id, accounts.bank, "EUR", "5.00");
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("needs at least 2");
    }

    @Test
    void databaseWhenABalancedTransactionIsInsertedByHandThenItCommits() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");
        UUID id = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            insertTransaction(id);
            insertEntry(id, alice, "EUR", "-5.00");
            insertEntry(id, accounts.bank, "EUR", "5.00");
        });

        assertThat(countTransactions(id)).isOne();
    }

    @Test
    void databaseWhenAnEntryIsInAnotherCurrencyThanItsAccountThenRefused() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            insertTransaction(id);
            insertEntry(id, alice, "CNY", "-5.00");
        })).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("ledger_entry_account_currency_fk");
    }

    @Test
    void databaseWhenAnEntryIsUpdatedOrDeletedThenRefusedBecauseTheLedgerIsAppendOnly() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "0.00");

        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_entry SET amount = amount * 2 WHERE account_id = :id")
                .param("id", alice).update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_entry WHERE account_id = :id").param("id", alice).update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThat(accounts.sumOfEntries(alice)).isEqualByComparingTo("100.00");
    }

    @Test
    void databaseWhenABalanceIsSetBelowTheOverdraftThenTheCheckRefuses() {
        String alice = accounts.customerAccount("ALICE", "EUR", "100.00", "50.00");

        assertThatThrownBy(() -> jdbc.sql("UPDATE account SET booked_balance = -50.01 WHERE account_id = :id")
                .param("id", alice).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("account_within_overdraft");
    }

    private void insertTransaction(UUID id) {
        jdbc.sql("""
                        INSERT INTO ledger_transaction (transaction_id, kind, description, booked_at)
                        VALUES (:id, 'transfer', 'By hand', now())""")
                .param("id", id).update();
    }

    private void insertEntry(UUID id, String account, String currency, String amount) {
        jdbc.sql("""
                        INSERT INTO ledger_entry (transaction_id, account_id, currency, amount, booked_at)
                        VALUES (:id, :account, :currency, :amount, now())""")
                .param("id", id).param("account", account).param("currency", currency)
                .param("amount", new BigDecimal(amount)).update();
    }

    private long countTransactions(UUID id) {
        return jdbc.sql("SELECT count(*) FROM ledger_transaction WHERE transaction_id = :id").param("id", id)
                .query(Long.class).single();
    }
}
