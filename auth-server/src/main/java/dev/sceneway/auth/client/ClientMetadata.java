package dev.sceneway.auth.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A partner app's metadata with the RFC 7591 section 2 names, as the admin API and dynamic registration receive it
 * (plus Sceneway's {@code banks} and {@code webhook_uri}). Only its shape is checked here; {@link ClientRegistrations}
 * checks the rules.
 *
 * @param clientName {@code client_name}
 * @param tokenEndpointAuthMethod {@code token_endpoint_auth_method}; {@code private_key_jwt} when absent
 * @param grantTypes {@code grant_types}; {@code client_credentials} when absent
 * @param redirectUris {@code redirect_uris}
 * @param scopes {@code scope}, split on spaces
 * @param jwks {@code jwks}, as JSON text
 * @param jwksUri {@code jwks_uri}
 * @param tokenEndpointAuthSigningAlg {@code token_endpoint_auth_signing_alg}
 * @param webhookUri {@code webhook_uri}: where the platform sends the app's webhooks
 * @param banks {@code banks}: the banks that approved the app
 */
public record ClientMetadata(
        @Nullable String clientName,
        String tokenEndpointAuthMethod,
        List<String> grantTypes,
        List<String> redirectUris,
        List<String> scopes,
        @Nullable String jwks,
        @Nullable String jwksUri,
        @Nullable String tokenEndpointAuthSigningAlg,
        @Nullable String webhookUri,
        List<String> banks) {

    public static final String PRIVATE_KEY_JWT = "private_key_jwt";

    /** Reads the members this server knows; a member of the wrong JSON type is refused. Others are ignored. */
    public static ClientMetadata from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ClientMetadataException.invalid("the request body must be a JSON object");
        }
        String scope = text(body, "scope");
        JsonNode jwks = body.get("jwks");
        if (jwks != null && !jwks.isNull() && !jwks.isObject()) {
            throw ClientMetadataException.invalid("jwks must be a JSON object (a JWK Set)");
        }
        String method = text(body, "token_endpoint_auth_method");
        List<String> grantTypes = texts(body, "grant_types");
        return new ClientMetadata(text(body, "client_name"), method == null ? PRIVATE_KEY_JWT : method,
                grantTypes.isEmpty() ? List.of("client_credentials") : grantTypes, texts(body, "redirect_uris"),
                scope == null ? List.of() : Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty()).toList(),
                jwks == null || jwks.isNull() ? null : jwks.toString(), text(body, "jwks_uri"),
                text(body, "token_endpoint_auth_signing_alg"), text(body, "webhook_uri"), texts(body, "banks"));
    }

    /** The same metadata with other keys. */
    public ClientMetadata withKeys(@Nullable String newJwks, @Nullable String newJwksUri) {
        return new ClientMetadata(clientName, tokenEndpointAuthMethod, grantTypes, redirectUris, scopes, newJwks,
                newJwksUri, tokenEndpointAuthSigningAlg, webhookUri, banks);
    }

    /** The same metadata approved for other banks. */
    public ClientMetadata withBanks(List<String> newBanks) {
        return new ClientMetadata(clientName, tokenEndpointAuthMethod, grantTypes, redirectUris, scopes, jwks,
                jwksUri, tokenEndpointAuthSigningAlg, webhookUri, newBanks);
    }

    /** The members as RFC 7591 names and JSON-ready values (absent members left out). */
    public Map<String, Object> asJsonMembers(tools.jackson.databind.json.JsonMapper json) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("client_name", clientName);
        members.put("token_endpoint_auth_method", tokenEndpointAuthMethod);
        members.put("grant_types", grantTypes);
        members.put("redirect_uris", redirectUris);
        members.put("scope", String.join(" ", scopes));
        if (jwks != null) {
            members.put("jwks", json.readTree(jwks));
        }
        if (jwksUri != null) {
            members.put("jwks_uri", jwksUri);
        }
        if (tokenEndpointAuthSigningAlg != null) {
            members.put("token_endpoint_auth_signing_alg", tokenEndpointAuthSigningAlg);
        }
        if (webhookUri != null) {
            members.put("webhook_uri", webhookUri);
        }
        members.put("banks", banks);
        return members;
    }

    private static @Nullable String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ClientMetadataException.invalid(name + " must be a string");
        }
        return value.asString();
    }

    private static List<String> texts(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ClientMetadataException.invalid(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw ClientMetadataException.invalid(name + " must be an array of strings");
            }
            values.add(element.asString());
        }
        return List.copyOf(values);
    }
}
