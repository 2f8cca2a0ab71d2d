package dev.sceneway.auth.consent;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A consent as its readers see it (the consent screen, the dashboard, the token customizer).
 *
 * @param id opaque id (a UUID string)
 * @param type the kind of consent
 * @param status the current status
 * @param bankId the bank the consent is granted at
 * @param partnerId the partner's OAuth client id
 * @param partnerName the partner's display name
 * @param customer the customer (username) who authorised or rejected it; null while awaiting authorisation
 * @param permissions account-access: {@code accounts}, {@code balances}, {@code transactions}; credit:
 *     {@code share-application-data}, {@code credit-bureau-check}, {@code accept-agreement}; payment: empty
 * @param accounts account-access: the accounts the customer picked; payment: the one debtor account the customer
 *     picked; empty before authorisation and for credit
 * @param createdAt when the partner created it
 * @param expiresAt when it expires (null: payment consents, which end when used or revoked; see the lifecycle)
 * @param frequencyPerDay account-access only: accesses allowed per UTC day; null otherwise
 * @param payment payment only: the terms; null otherwise
 */
public record ConsentView(String id, ConsentType type, ConsentStatus status, String bankId, String partnerId,
        String partnerName, @Nullable String customer, List<String> permissions, List<String> accounts,
        Instant createdAt, @Nullable Instant expiresAt, @Nullable Integer frequencyPerDay,
        @Nullable PaymentTerms payment) {
}
