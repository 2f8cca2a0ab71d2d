package dev.sceneway.auth.consent;

/** The kinds of consent; {@link #wireName()} is the name in the API, the token claim and the Redis snapshot. */
public enum ConsentType {
    /** Read accounts, balances and transactions of the accounts the customer picked. */
    ACCOUNT_ACCESS("account-access", "accounts"),
    /** One payment from an account the customer picks to the named creditor; single use. */
    PAYMENT("payment", "payments"),
    /** A credit application: share application data, a credit bureau check, accept the agreement. */
    CREDIT("credit", "credit");

    private final String wireName;
    private final String scope;

    ConsentType(String wireName, String scope) {
        this.wireName = wireName;
        this.scope = scope;
    }

    public String wireName() {
        return wireName;
    }

    /** The OAuth scope a partner needs to create (and to use) a consent of this type. */
    public String scope() {
        return scope;
    }
}
