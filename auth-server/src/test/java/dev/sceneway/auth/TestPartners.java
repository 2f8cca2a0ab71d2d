package dev.sceneway.auth;

import dev.sceneway.auth.client.ClientMetadata;
import java.util.List;

/** The sandbox's demo partners, as application-sandbox.yml registers them. */
public final class TestPartners {

    /** A client id and its secret. */
    public record Credentials(String clientId, String secret) {
    }

    private TestPartners() {
    }

    /** A private_key_jwt partner app with its keys by value, client_credentials, scope products. */
    public static ClientMetadata privateKeyJwtApp(String name, String jwks, List<String> banks) {
        return new ClientMetadata(name, ClientMetadata.PRIVATE_KEY_JWT, List.of("client_credentials"), List.of(),
                List.of("products"), jwks, null, null, null, banks);
    }

    /** Scopes {@code products accounts credit}. */
    public static Credentials renovationPartner() {
        return new Credentials("renovation-demo", "renovation-demo-secret");
    }

    /** Scopes {@code products accounts payments credit}. */
    public static Credentials checkoutPartner() {
        return new Credentials("checkout-demo", "checkout-demo-secret");
    }
}
