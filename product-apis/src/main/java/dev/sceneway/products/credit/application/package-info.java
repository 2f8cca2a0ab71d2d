/**
 * Credit applications under a credit consent: validated against the product, claimed idempotently, decided through
 * the {@link dev.sceneway.products.credit.risk.CreditRisk} port within the request or later
 * ({@link dev.sceneway.products.credit.application.PendingDecisions}), and the pre-contract disclosure of the offer.
 * States: pending → approved | referred | declined; approved → accepted (by the agreement package) | expired.
 */
@NullMarked
package dev.sceneway.products.credit.application;

import org.jspecify.annotations.NullMarked;
