package dev.sceneway.auth.consent;

/**
 * A consent's status. AwaitingAuthorisation → Authorised or Rejected; Authorised → Revoked, Expired or Consumed
 * (payment consents only); AwaitingAuthorisation → Expired too. Rejected, Revoked, Expired and Consumed are final.
 * {@link #wireName()} is the name in the API and the Redis snapshot.
 */
public enum ConsentStatus {
    AWAITING_AUTHORISATION("AwaitingAuthorisation"),
    AUTHORISED("Authorised"),
    REJECTED("Rejected"),
    REVOKED("Revoked"),
    EXPIRED("Expired"),
    CONSUMED("Consumed");

    private final String wireName;

    ConsentStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return this != AWAITING_AUTHORISATION && this != AUTHORISED;
    }
}
