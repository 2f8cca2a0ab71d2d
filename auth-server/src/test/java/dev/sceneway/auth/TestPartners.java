package dev.sceneway.auth;

/** The sandbox's demo partners, as application-sandbox.yml registers them. */
public final class TestPartners {

    /** A client id and its secret. */
    public record Credentials(String clientId, String secret) {
    }

    private TestPartners() {
    }

    /** Scopes {@code products accounts}. */
    public static Credentials renovationPartner() {
        return new Credentials("renovation-demo", "renovation-demo-secret");
    }

    /** Scopes {@code products accounts payments}. */
    public static Credentials checkoutPartner() {
        return new Credentials("checkout-demo", "checkout-demo-secret");
    }
}
