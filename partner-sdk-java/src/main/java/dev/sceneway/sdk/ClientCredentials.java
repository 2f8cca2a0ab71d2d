package dev.sceneway.sdk;

import java.net.URI;

/**
 * A partner app's OAuth 2.0 client credentials and the scope its tokens ask for.
 *
 * <p>CAUTION: a shared client secret is what the sandbox accepts. Production FAPI 2.0 clients authenticate with
 * {@code private_key_jwt} or mTLS instead, so this type is for the sandbox only.
 *
 * @param tokenUrl the authorization server's token endpoint, e.g. {@code http://localhost:9000/oauth2/token}
 * @param clientId the partner app's client id
 * @param secret   the partner app's client secret
 * @param scope    space-delimited scopes to request, e.g. {@code products}
 */
public record ClientCredentials(URI tokenUrl, String clientId, String secret, String scope) {

    public ClientCredentials {
        if (!tokenUrl.isAbsolute() || !("http".equals(tokenUrl.getScheme()) || "https".equals(tokenUrl.getScheme()))) {
            throw new IllegalArgumentException("tokenUrl must be an absolute http(s) URL, but was " + tokenUrl);
        }
        requireText("clientId", clientId);
        requireText("secret", secret);
        requireText("scope", scope);
    }

    /** Never prints the secret, so credentials can be logged safely. */
    @Override
    public String toString() {
        return "ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", secret=****, scope=" + scope + "]";
    }

    private static void requireText(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
