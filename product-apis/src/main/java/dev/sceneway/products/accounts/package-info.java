/**
 * The Accounts API (openapi/specs/accounts.yaml): a customer's consented accounts, their balances and transactions,
 * read from the ledger under an account-access consent, with object-level access checked on every call.
 */
@NullMarked
package dev.sceneway.products.accounts;

import org.jspecify.annotations.NullMarked;
