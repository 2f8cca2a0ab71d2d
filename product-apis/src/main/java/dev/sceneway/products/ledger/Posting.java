package dev.sceneway.products.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One leg of a transaction to book: a signed amount on one account, in that account's currency. Positive credits the
 * account (money in), negative debits it (money out).
 *
 * @param accountId the account
 * @param amount    non-zero, at most 2 decimals (the minor unit of EUR and CNY); never rounded here, refused instead
 */
public record Posting(String accountId, BigDecimal amount) {

    /** The scale of every amount in the ledger (NUMERIC(19,2)). */
    public static final int SCALE = 2;

    public Posting {
        Objects.requireNonNull(accountId, "accountId must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
        if (amount.signum() == 0) {
            throw new IllegalArgumentException("amount must not be zero, but was " + amount + " on " + accountId);
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException(
                    "amount must have at most " + SCALE + " decimals, but was " + amount + " on " + accountId);
        }
        amount = amount.setScale(SCALE);
    }

    public static Posting credit(String accountId, BigDecimal amount) {
        return new Posting(accountId, amount.abs());
    }

    public static Posting debit(String accountId, BigDecimal amount) {
        return new Posting(accountId, amount.abs().negate());
    }
}
