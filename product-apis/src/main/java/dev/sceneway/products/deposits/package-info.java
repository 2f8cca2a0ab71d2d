/**
 * Term deposits: the bank's products, opening one from a consented current account (the principal moves to a
 * deposit account of the customer's in one ledger transaction, the maturity amount fixed at opening by
 * {@link dev.sceneway.products.deposits.MaturityTerms}), and paying the maturity amount back on the maturity date.
 */
@NullMarked
package dev.sceneway.products.deposits;

import org.jspecify.annotations.NullMarked;
