/**
 * The Payments API (openapi/specs/payments.yaml): the one payment a single-use payment consent allows, booked on the
 * ledger together with the consent's use, idempotent per partner and key; and the report of each use to the
 * auth-server, from an outbox, until it succeeds.
 */
@NullMarked
package dev.sceneway.products.payments;

import org.jspecify.annotations.NullMarked;
