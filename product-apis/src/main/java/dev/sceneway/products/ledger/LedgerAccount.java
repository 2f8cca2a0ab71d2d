package dev.sceneway.products.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * An account of the bank as the ledger keeps it.
 *
 * @param accountId      e.g. {@code LS-ALICE-CUR}
 * @param owner          who holds it
 * @param kind           current, savings, merchant or internal
 * @param name           display name, e.g. {@code Current account}
 * @param currency       the currency of every entry on it
 * @param overdraftLimit how far below zero the booked balance may go; null for the bank's internal accounts (no limit)
 * @param bookedBalance  the sum of its entries
 * @param version        how many bookings have touched it
 * @param openedOn       the day it was opened, in the bank's calendar
 */
public record LedgerAccount(String accountId, Owner owner, Kind kind, String name, Currency currency,
        @Nullable BigDecimal overdraftLimit, BigDecimal bookedBalance, long version, LocalDate openedOn) {

    /** Who holds an account: a customer (by username, the token's {@code sub}), a merchant, or the bank itself. */
    public record Owner(OwnerType type, String id) {

        public boolean isCustomer(String username) {
            return type == OwnerType.CUSTOMER && id.equals(username);
        }
    }

    public enum OwnerType { CUSTOMER, MERCHANT, BANK }

    public enum Kind { CURRENT, SAVINGS, MERCHANT, INTERNAL, LOAN, ESCROW, DEPOSIT }

    /**
     * What may be spent now: the booked balance plus the allowed overdraft (there are no reservations or pending
     * bookings in this ledger, so nothing else is subtracted). Null for internal accounts, which have no limit.
     */
    public @Nullable BigDecimal available() {
        return overdraftLimit == null ? null : bookedBalance.add(overdraftLimit);
    }

    /** Whether booking {@code amount} (signed) keeps the balance within the overdraft. */
    boolean allows(BigDecimal amount) {
        return overdraftLimit == null || amount.signum() >= 0
                || bookedBalance.add(amount).compareTo(overdraftLimit.negate()) >= 0;
    }
}
