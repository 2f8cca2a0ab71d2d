package dev.sceneway.auth.webhook;

import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentStatusChanged;
import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.consent.ConsentView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Consent changes as the consent service publishes them, for webhook tests that need changes no real consent went
 * through (repeats, rolled-back transactions, many at once); real consents come from
 * {@link dev.sceneway.auth.TestConsents}.
 */
final class TestConsentChanges {

    private TestConsentChanges() {
    }

    /** An account-access consent at lakeside of {@code partnerId} moving from {@code from} to {@code to}. */
    static ConsentStatusChanged change(String consentId, String partnerId, @Nullable ConsentStatus from,
            ConsentStatus to, String actor, String reason, Instant at) {
        ConsentView consent = new ConsentView(consentId, ConsentType.ACCOUNT_ACCESS, to, "lakeside", partnerId,
                "Partner " + partnerId, to == ConsentStatus.AWAITING_AUTHORISATION ? null : "alice",
                List.of("accounts", "balances"), List.of("LS-ALICE-CUR"), at.minus(Duration.ofMinutes(5)),
                at.plus(Duration.ofDays(30)), 4, null);
        return new ConsentStatusChanged(consent, from, actor, reason, at);
    }

    /** The customer revokes an authorised consent now. */
    static ConsentStatusChanged revokedByCustomer(String consentId, String partnerId) {
        return change(consentId, partnerId, ConsentStatus.AUTHORISED, ConsentStatus.REVOKED, "customer:alice",
                "revoked-by-customer", Instant.now());
    }
}
