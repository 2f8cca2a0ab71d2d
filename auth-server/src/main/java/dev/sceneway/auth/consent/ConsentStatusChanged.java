package dev.sceneway.auth.consent;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Published (Spring application event) inside the transaction of every status change, so a listener with
 * {@code @TransactionalEventListener(phase = BEFORE_COMMIT)} writes in the same transaction (e.g. a webhook outbox).
 *
 * @param consent the consent after the change
 * @param from the status before (null when the consent was just created)
 * @param actor who made the change: {@code customer:<username>}, {@code partner:<clientId>}, {@code system}
 * @param reason why, in a few words (e.g. {@code revoked-by-customer}, {@code expired}, {@code payment-made})
 * @param at when
 */
public record ConsentStatusChanged(ConsentView consent, @Nullable ConsentStatus from, String actor, String reason,
        Instant at) {
}
