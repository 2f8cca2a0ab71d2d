/**
 * The bank's double-entry ledger: accounts, transactions whose entries sum to zero per currency, and booked
 * balances kept in step with the entries in the same database transaction. The only way money moves.
 */
@NullMarked
package dev.sceneway.products.ledger;

import org.jspecify.annotations.NullMarked;
