package dev.sceneway.products.accounts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One page of an account's statement to read.
 *
 * @param accountId the account
 * @param from      only bookings at or after this instant, when present
 * @param until     only bookings before this instant, when present
 * @param credits   true: credits only; false: debits only; null: both
 * @param after     only rows after this position of the order (the previous page's last row), when present
 * @param max       at most this many rows
 */
record StatementQuery(String accountId, @Nullable Instant from, @Nullable Instant until, @Nullable Boolean credits,
        @Nullable TransactionCursor after, int max) {
}
