package dev.sceneway.auth;

import dev.sceneway.auth.client.ClientKeys;
import dev.sceneway.auth.client.Scopes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.URL;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the authorization server ({@code sceneway.auth.*}).
 *
 * @param issuer issuer identifier (RFC 8414 section 2): the {@code iss} of every token and the base URL of the
 *     metadata, token and JWKS endpoints, e.g. {@code http://localhost:9000}
 * @param audience the single {@code aud} value of every access token; resource servers require it
 * @param accessTokenTtl lifetime of an access token ({@code exp - iat})
 * @param keyEncryptionKey base64 of 32 random bytes: the AES-256-GCM key that encrypts signing private keys at
 *     rest (generate one with {@code openssl rand -base64 32}); keep it out of the database it protects
 * @param sandboxClients partner apps the {@code sandbox} profile registers at startup when missing
 */
@Validated
@ConfigurationProperties("sceneway.auth")
public record AuthProperties(
        @NotBlank @URL String issuer,
        @DefaultValue("sceneway-api") @NotBlank String audience,
        @DefaultValue("PT5M") @NotNull Duration accessTokenTtl,
        @NotBlank(message = "sceneway.auth.key-encryption-key is required: the base64 encoding of 32 random bytes "
                + "(e.g. `openssl rand -base64 32`)") @Nullable String keyEncryptionKey,
        @DefaultValue List<@Valid SandboxClient> sandboxClients) {

    /** Bytes an AES-256 key has. */
    public static final int KEY_ENCRYPTION_KEY_BYTES = 32;

    @AssertTrue(message = "sceneway.auth.key-encryption-key must be the base64 encoding of exactly 32 bytes "
            + "(an AES-256 key, e.g. `openssl rand -base64 32`)")
    public boolean isKeyEncryptionKeyAes256() {
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            return true; // @NotBlank reports this case
        }
        try {
            return Base64.getDecoder().decode(keyEncryptionKey.strip()).length == KEY_ENCRYPTION_KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @AssertTrue(message = "sceneway.auth.access-token-ttl must be positive")
    public boolean isAccessTokenTtlPositive() {
        return accessTokenTtl == null || accessTokenTtl.isPositive();
    }

    /** The key-encryption key as bytes; only call after validation. */
    public byte[] keyEncryptionKeyBytes() {
        if (keyEncryptionKey == null) {
            throw new IllegalStateException("sceneway.auth.key-encryption-key is not set");
        }
        return Base64.getDecoder().decode(keyEncryptionKey.strip());
    }

    @Override
    public String toString() {
        // The record's generated toString would print the key-encryption key and the sandbox secrets.
        return "AuthProperties[issuer=" + issuer + ", audience=" + audience + ", accessTokenTtl=" + accessTokenTtl
                + ", keyEncryptionKey=<redacted>, sandboxClients=" + sandboxClients + "]";
    }

    /**
     * A partner app registered by the sandbox profile.
     *
     * @param clientId OAuth 2.0 client identifier
     * @param secret client secret in plain text, stored only as a bcrypt hash: a {@code client_secret_basic} /
     *     {@code client_secret_post} client with {@code client_credentials}. Exactly one of {@code secret} and
     *     {@code jwks}
     * @param name name shown to people
     * @param scopes scopes the client may request; a subset of {@link Scopes#ALL}
     * @param banks ids of the banks that approved the app (the {@code banks} claim of its tokens)
     * @param jwks public keys (JWKS JSON) of a {@code private_key_jwt} client
     * @param redirectUris exact redirect URIs of the client's authorization code flow (customer journeys); a client
     *     with any also gets the authorization code and refresh grants
     * @param webhookUrl where the platform sends the app's webhooks (the {@code webhook_uri} of the admin API and
     *     dynamic registration), or null for none; checked by the same URL rules at startup
     */
    public record SandboxClient(
            @NotBlank String clientId,
            @Nullable String secret,
            @NotBlank String name,
            @NotEmpty Set<@NotBlank String> scopes,
            @DefaultValue List<@NotBlank String> banks,
            @Nullable String jwks,
            @DefaultValue List<@NotBlank String> redirectUris,
            @Nullable String webhookUrl) {

        @AssertTrue(message = "exactly one of secret and jwks must be set")
        public boolean isOneCredential() {
            return (secret == null || secret.isBlank()) != (jwks == null || jwks.isBlank());
        }

        @AssertTrue(message = "jwks must be a JWKS of public RSA (2048 bits or more) or P-256 keys")
        public boolean isJwksPublic() {
            return jwks == null || jwks.isBlank() || ClientKeys.parsePublicJwks(jwks).isPresent();
        }

        @AssertTrue(message = "scopes must be among " + Scopes.ALL_AS_TEXT)
        public boolean isScopesKnown() {
            return scopes == null || Scopes.ALL.containsAll(scopes);
        }

        @Override
        public String toString() {
            return "SandboxClient[clientId=" + clientId + ", secret=<redacted>, name=" + name + ", scopes=" + scopes
                    + ", banks=" + banks + ", jwks=" + (jwks == null ? "none" : "set") + ", redirectUris="
                    + redirectUris + ", webhookUrl=" + webhookUrl + "]";
        }
    }
}
