package dev.sceneway.products.ledger;

/** A booking the ledger refused; nothing of it was booked (the database transaction rolled back). */
public abstract sealed class LedgerException extends RuntimeException
        permits LedgerException.InsufficientFunds, LedgerException.UnknownAccount, LedgerException.Unbalanced {

    LedgerException(String message) {
        super(message);
    }

    /** The booking would take an account below minus its allowed overdraft. */
    public static final class InsufficientFunds extends LedgerException {

        private final String accountId;

        InsufficientFunds(String accountId) {
            super("account " + accountId + " has insufficient funds for this booking");
            this.accountId = accountId;
        }

        public String accountId() {
            return accountId;
        }
    }

    /** A posting names an account the bank does not hold. */
    public static final class UnknownAccount extends LedgerException {

        UnknownAccount(String accountIds) {
            super("no account " + accountIds);
        }
    }

    /** The postings do not sum to zero in every currency. */
    public static final class Unbalanced extends LedgerException {

        Unbalanced(String detail) {
            super("the postings do not balance: " + detail);
        }
    }
}
