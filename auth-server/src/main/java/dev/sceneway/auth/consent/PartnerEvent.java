package dev.sceneway.auth.consent;

import java.util.UUID;

/**
 * An event a bank service reports for the partner behind one of its consents (e.g.
 * {@code credit.agreement.disbursed}), checked against the consent: {@code partnerId} is the consent's own partner,
 * never what the report claims.
 *
 * @param id        the event id the bank service chose (the webhook's id: a repeated report is the same event)
 * @param partnerId the client id of the partner app that created the consent
 * @param consentId the consent the event is about
 * @param type      the event type, e.g. {@code credit.application.decided}
 * @param payload   the JSON body exactly as the bank service wrote it (signed and sent as is)
 */
public record PartnerEvent(UUID id, String partnerId, String consentId, String type, String payload) {
}
