package dev.sceneway.auth.client;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Sceneway's per-client values that {@link PartnerClientRepository} adds to a {@link RegisteredClient}'s client
 * settings when it loads one: the approved banks and the public keys by value. They are never written to the
 * {@code client_settings} column; {@code partner_client} holds them.
 */
public final class PartnerSettings {

    static final String PREFIX = "settings.client.sceneway.";
    static final String BANKS = PREFIX + "banks";
    static final String JWKS = PREFIX + "jwks";

    private PartnerSettings() {
    }

    /** The banks (tenant ids) that approved this client; empty for a client no bank approved. */
    public static List<String> banks(RegisteredClient client) {
        List<String> banks = client.getClientSettings().getSetting(BANKS);
        return banks == null ? List.of() : banks;
    }

    /** The client's public keys registered by value, as JWKS JSON; null when it has none (or uses a jwks_uri). */
    public static @Nullable String jwks(RegisteredClient client) {
        return client.getClientSettings().getSetting(JWKS);
    }

    static ClientSettings withoutPartnerSettings(ClientSettings settings) {
        return ClientSettings.withSettings(settings.getSettings()).settings(all -> all.keySet()
                .removeIf(name -> name.startsWith(PREFIX))).build();
    }
}
