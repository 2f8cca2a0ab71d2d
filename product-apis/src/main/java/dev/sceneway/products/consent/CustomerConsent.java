package dev.sceneway.products.consent;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The consent bound to the access token of this request.
 *
 * @param consentId   the {@code consent_id} claim (a UUID string)
 * @param customer    the customer who approved it: the token's {@code sub}
 * @param partner     the partner it was granted to: the token's {@code client_id}
 * @param type        the kind of consent
 * @param bank        the bank it was granted at
 * @param permissions account-access and credit: what it allows; empty for payment
 * @param accounts    account-access: the accounts the customer picked; payment: the debtor account; credit: empty
 * @param payment     payment only: the authorised terms
 */
public record CustomerConsent(String consentId, String customer, String partner, ConsentType type, String bank,
        List<String> permissions, List<String> accounts, @Nullable PaymentTerms payment) {

    public CustomerConsent {
        permissions = List.copyOf(permissions);
        accounts = List.copyOf(accounts);
    }

    public boolean grants(String permission) {
        return permissions.contains(permission);
    }

    /** Whether {@code accountId} is one the customer picked for this consent (ownership is checked separately). */
    public boolean covers(String accountId) {
        return accounts.contains(accountId);
    }
}
