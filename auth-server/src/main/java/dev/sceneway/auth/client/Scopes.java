package dev.sceneway.auth.client;

import java.util.List;

/** The scopes Sceneway's resource servers understand (contract, "Tokens"); published as {@code scopes_supported}. */
public final class Scopes {

    /** Bank product catalogue and quotes; partner-level. */
    public static final String PRODUCTS = "products";
    public static final String ACCOUNTS = "accounts";
    public static final String PAYMENTS = "payments";
    public static final String CREDIT = "credit";

    /**
     * Platform administration (the admin API of partner apps). Never granted to a partner app and not among
     * {@link #ALL}: only the configured admin clients have it.
     */
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(PRODUCTS, ACCOUNTS, PAYMENTS, CREDIT);

    /** {@link #ALL} for messages; a constant so that annotations can use it. */
    public static final String ALL_AS_TEXT = "products, accounts, payments, credit";

    private Scopes() {
    }
}
