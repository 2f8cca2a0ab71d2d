package dev.sceneway.auth.webhook;

import dev.sceneway.auth.consent.ConsentStatusChanged;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a consent webhook (docs/webhooks.md is the partners' description):
 * <pre>{@code
 * {"id": "<event id, UUID>", "type": "consent.revoked", "occurredAt": "2026-11-22T09:00:00Z",
 *  "consent": {"consentId": "...", "bankId": "lakeside", "type": "account-access", "status": "Revoked"},
 *  "actor": "customer", "reason": "revoked-by-customer"}
 * }</pre>
 * {@code actor} says who made the change: {@code customer}, {@code partner} or {@code system} (never the customer's
 * username: the partner does not need the bank's login name). For {@code consent.revoked} the {@code reason} is
 * {@code revoked-by-customer}, {@code revoked-by-partner} or {@code revoked-by-platform}, derived from the actor so
 * partners can rely on it; for the other events it is the consent service's short reason (e.g. {@code expired}),
 * informational only.
 */
final class WebhookPayloads {

    private final JsonMapper json;

    WebhookPayloads(JsonMapper json) {
        this.json = json;
    }

    /** The body for {@code change}, as the exact text to store, sign and send. */
    String consentEvent(UUID eventId, WebhookEventType type, ConsentStatusChanged change) {
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("consentId", change.consent().id());
        consent.put("bankId", change.consent().bankId());
        consent.put("type", change.consent().type().wireName());
        consent.put("status", change.consent().status().wireName());
        String actor = actor(change.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", type.wireName());
        body.put("occurredAt", change.at().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("consent", consent);
        body.put("actor", actor);
        body.put("reason", type == WebhookEventType.CONSENT_REVOKED ? revokedReason(actor) : change.reason());
        return json.writeValueAsString(body);
    }

    /** {@code customer:<username>} → customer, {@code partner:<clientId>} → partner, anything else → system. */
    static String actor(String actor) {
        if (actor.startsWith("customer:") || actor.equals("customer")) {
            return "customer";
        }
        if (actor.startsWith("partner:") || actor.equals("partner")) {
            return "partner";
        }
        return "system";
    }

    private static String revokedReason(String actor) {
        return switch (actor) {
            case "customer" -> "revoked-by-customer";
            case "partner" -> "revoked-by-partner";
            default -> "revoked-by-platform";
        };
    }
}
