package dev.sceneway.auth.consent;

import java.util.List;
import java.util.Optional;

/**
 * The customer's side of consents, for the journey pages and the token customizer. Every change is a recorded
 * transition (audit trail, Redis snapshot and change notice, {@link ConsentStatusChanged} event) in one database
 * transaction.
 */
public interface CustomerConsents {

    /** The consent with this id, in any status. */
    Optional<ConsentView> find(String consentId);

    /**
     * AwaitingAuthorisation → Authorised by {@code customer}, with the accounts the customer picked (account-access:
     * one or more; payment: exactly one debtor account; credit: none).
     *
     * @throws ConsentStateException if the consent is not awaiting authorisation (or has expired)
     * @throws IllegalArgumentException if the accounts do not fit the consent's type
     */
    ConsentView authorise(String consentId, String customer, List<String> accounts);

    /** AwaitingAuthorisation → Rejected by {@code customer}. @throws ConsentStateException otherwise */
    ConsentView reject(String consentId, String customer);

    /** Every consent the customer authorised or rejected, across partners and banks, newest first. */
    List<ConsentView> ofCustomer(String customer);

    /**
     * Authorised → Revoked by the customer who authorised it. Revoking an already revoked consent returns it
     * unchanged. @throws ConsentStateException for another final status; {@link java.util.NoSuchElementException}
     * if the consent is not this customer's
     */
    ConsentView revokeByCustomer(String consentId, String customer);
}
