package dev.sceneway.products.ledger;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A transaction to book. The constructor checks what can be checked without the accounts (at least two legs, one
 * per account); that the legs sum to zero per currency is checked by {@link Ledger#book} once the accounts' currencies
 * are known, and again by the database at commit.
 *
 * @param transactionId chosen by the caller, so a retried booking can be recognised
 * @param kind          what moved the money: {@code payment}, {@code transfer}, {@code salary}, ... (lower-case words)
 * @param description   shown on the statements of every account involved
 * @param bookedAt      the booking time
 * @param postings      the legs, at least two, at most one per account
 */
public record NewTransaction(UUID transactionId, String kind, String description, Instant bookedAt,
        List<Posting> postings) {

    private static final Pattern KIND = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final int DESCRIPTION_MAX = 140;

    public NewTransaction {
        Objects.requireNonNull(transactionId, "transactionId must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(bookedAt, "bookedAt must not be null");
        postings = List.copyOf(postings);
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be lower-case words joined by '-', but was '" + kind + "'");
        }
        if (description.isBlank() || description.length() > DESCRIPTION_MAX) {
            throw new IllegalArgumentException(
                    "description must have 1 to " + DESCRIPTION_MAX + " characters, but had " + description.length());
        }
        if (postings.size() < 2) {
            throw new IllegalArgumentException("a transaction needs at least 2 postings, but had " + postings.size());
        }
        Set<String> accounts = new HashSet<>();
        for (Posting posting : postings) {
            if (!accounts.add(posting.accountId())) {
                throw new IllegalArgumentException("account " + posting.accountId() + " is posted more than once");
            }
        }
    }

    /** A transfer of a positive {@code amount} from {@code debtor} to {@code creditor}. */
    public static NewTransaction transfer(UUID transactionId, String kind, String description, Instant bookedAt,
            String debtor, String creditor, java.math.BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a transfer amount must be > 0, but was " + amount);
        }
        return new NewTransaction(transactionId, kind, description, bookedAt,
                List.of(Posting.debit(debtor, amount), Posting.credit(creditor, amount)));
    }
}
