/**
 * The events partners receive about their customers' credit (decided, signed, disbursed, instalment due or missed,
 * closed): an outbox row written in the transaction of the change ({@link dev.sceneway.products.credit.events.CreditEvents}),
 * relayed to the Redis stream the auth-server reads ({@link dev.sceneway.products.credit.events.CreditEventRelay}); the
 * auth-server signs and delivers them as webhooks, like its consent webhooks.
 */
@NullMarked
package dev.sceneway.products.credit.events;

import org.jspecify.annotations.NullMarked;
