package dev.sceneway.auth.webhook;

import dev.sceneway.auth.consent.ConsentStatus;
import java.util.Optional;

/**
 * The events partners receive, one per consent status a consent can reach after its creation. Creation itself
 * (AwaitingAuthorisation) sends nothing: the partner made that call. {@link #wireName()} is the payload's
 * {@code type}.
 */
enum WebhookEventType {
    CONSENT_AUTHORISED("consent.authorised", ConsentStatus.AUTHORISED),
    CONSENT_REJECTED("consent.rejected", ConsentStatus.REJECTED),
    CONSENT_REVOKED("consent.revoked", ConsentStatus.REVOKED),
    CONSENT_EXPIRED("consent.expired", ConsentStatus.EXPIRED),
    CONSENT_CONSUMED("consent.consumed", ConsentStatus.CONSUMED);

    private final String wireName;
    private final ConsentStatus status;

    WebhookEventType(String wireName, ConsentStatus status) {
        this.wireName = wireName;
        this.status = status;
    }

    String wireName() {
        return wireName;
    }

    /** The event a consent entering {@code status} triggers, if any. */
    static Optional<WebhookEventType> entering(ConsentStatus status) {
        for (WebhookEventType type : values()) {
            if (type.status == status) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
