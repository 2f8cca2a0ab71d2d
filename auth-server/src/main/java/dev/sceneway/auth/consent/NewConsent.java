package dev.sceneway.auth.consent;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a partner asks for when it creates a consent, before {@link ConsentRules} checks it and fills the defaults.
 *
 * @param type the kind of consent
 * @param permissions account-access and credit: the permissions asked for; payment: empty
 * @param expiresAt account-access and credit: when it should end (null: the bank's maximum); payment: null
 * @param frequencyPerDay account-access: reads per UTC day (null: the default); otherwise null
 * @param payment payment: the terms; otherwise null
 */
public record NewConsent(ConsentType type, List<String> permissions, @Nullable Instant expiresAt,
        @Nullable Integer frequencyPerDay, @Nullable PaymentTerms payment) {

    public NewConsent {
        permissions = List.copyOf(permissions);
    }

    public static NewConsent accountAccess(List<String> permissions, @Nullable Instant expiresAt,
            @Nullable Integer frequencyPerDay) {
        return new NewConsent(ConsentType.ACCOUNT_ACCESS, permissions, expiresAt, frequencyPerDay, null);
    }

    public static NewConsent payment(PaymentTerms terms) {
        return new NewConsent(ConsentType.PAYMENT, List.of(), null, null, terms);
    }

    public static NewConsent credit(List<String> permissions, @Nullable Instant expiresAt) {
        return new NewConsent(ConsentType.CREDIT, permissions, expiresAt, null, null);
    }
}
