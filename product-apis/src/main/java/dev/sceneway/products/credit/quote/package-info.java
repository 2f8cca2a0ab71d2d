/**
 * Instalment-loan quotes: for an amount and a term, each eligible plan of the bank with its repayment schedule,
 * total cost and APR. Pure computation over the (cached) catalogue; the money rules are written next to the code
 * that applies them ({@link dev.sceneway.products.credit.quote.RepaymentSchedule},
 * {@link dev.sceneway.products.credit.quote.AnnualPercentageRate}, {@link dev.sceneway.products.credit.quote.Quotes}).
 */
@NullMarked
package dev.sceneway.products.credit.quote;

import org.jspecify.annotations.NullMarked;
