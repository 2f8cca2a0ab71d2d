package dev.sceneway.auth.client;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's JDBC repository for the standard client fields, joined with {@code partner_client} for Sceneway's: a
 * loaded client carries its banks and JWKS in its settings ({@link PartnerSettings}), and a disabled client is not
 * found by client id, so it cannot authenticate at any endpoint.
 *
 * <p>Lookups by client id (one per token request) are cached for {@code cacheTtl}: two queries and the parsing of
 * the settings JSON per grant would cost more CPU than the rest of a client_credentials grant except signing. Every
 * change made through this repository evicts the entry at once on this replica.
 *
 * <p>CAUTION: another replica keeps serving its cached copy until the entry expires, so disabling a client, or
 * replacing its keys or banks, takes up to {@code cacheTtl} to reach every replica.
 */
public final class PartnerClientRepository implements RegisteredClientRepository {

    private record Cached(RegisteredClient client, long expiresAtNanos) {
    }

    private final RegisteredClientRepository delegate;
    private final JdbcTemplate jdbc;
    private final long cacheTtlNanos;
    private final Map<String, Cached> byClientId = new ConcurrentHashMap<>();

    public PartnerClientRepository(RegisteredClientRepository delegate, JdbcTemplate jdbc, Duration cacheTtl) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    @Override
    public void save(RegisteredClient client) {
        evict(client.getClientId());
        delegate.save(RegisteredClient.from(client)
                .clientSettings(PartnerSettings.withoutPartnerSettings(client.getClientSettings())).build());
    }

    /** Also finds disabled clients: stored grants of a disabled client still resolve (their tokens run out). */
    @Override
    public @Nullable RegisteredClient findById(String id) {
        RegisteredClient client = delegate.findById(id);
        return client == null ? null : withPartnerSettings(client, partner(client.getClientId()).orElse(null));
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        if (cacheTtlNanos <= 0) {
            return load(clientId);
        }
        long now = System.nanoTime();
        Cached cached = byClientId.get(clientId);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.client();
        }
        RegisteredClient loaded = load(clientId);
        if (loaded != null) { // unknown and disabled clients are not cached: they must show up at once when added
            byClientId.put(clientId, new Cached(loaded, now + cacheTtlNanos));
        } else {
            byClientId.remove(clientId);
        }
        return loaded;
    }

    /** Evicts now and, inside a transaction, again after commit: a lookup in between may have cached the old row. */
    private void evict(String clientId) {
        byClientId.remove(clientId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    byClientId.remove(clientId);
                }
            });
        }
    }

    private @Nullable RegisteredClient load(String clientId) {
        RegisteredClient client = delegate.findByClientId(clientId);
        if (client == null) {
            return null;
        }
        PartnerClient partner = partner(clientId).orElse(null);
        if (partner != null && partner.status() == PartnerClient.Status.DISABLED) {
            return null;
        }
        return withPartnerSettings(client, partner);
    }

    /** The client whatever its status, for administration. */
    public Optional<RegisteredClient> findIncludingDisabled(String clientId) {
        return Optional.ofNullable(delegate.findByClientId(clientId))
                .map(client -> withPartnerSettings(client, partner(clientId).orElse(null)));
    }

    public Optional<PartnerClient> partner(String clientId) {
        return jdbc.query("SELECT client_id, banks, jwks, webhook_url, software_id, status FROM partner_client "
                + "WHERE client_id = ?", PartnerClientRepository::partnerRow, clientId).stream().findFirst();
    }

    /** Inserts or replaces the partner row of a client already saved. */
    public void savePartner(PartnerClient partner) {
        evict(partner.clientId());
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO partner_client (client_id, banks, jwks, webhook_url, software_id, status)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (client_id) DO UPDATE SET banks = excluded.banks, jwks = excluded.jwks,
                        webhook_url = excluded.webhook_url, software_id = excluded.software_id,
                        status = excluded.status, updated_at = CURRENT_TIMESTAMP""");
            statement.setString(1, partner.clientId());
            statement.setArray(2, connection.createArrayOf("text", partner.banks().toArray()));
            statement.setString(3, partner.jwks());
            statement.setString(4, partner.webhookUrl());
            statement.setString(5, partner.softwareId());
            statement.setString(6, partner.status().name());
            return statement;
        });
    }

    public boolean softwareIdTaken(String softwareId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM partner_client WHERE software_id = ?",
                Integer.class, softwareId);
        return count != null && count > 0;
    }

    private static RegisteredClient withPartnerSettings(RegisteredClient client, @Nullable PartnerClient partner) {
        if (partner == null) {
            return client;
        }
        ClientSettings.Builder settings = ClientSettings.withSettings(client.getClientSettings().getSettings())
                .setting(PartnerSettings.BANKS, partner.banks());
        if (partner.jwks() != null) {
            settings.setting(PartnerSettings.JWKS, partner.jwks());
        }
        return RegisteredClient.from(client).clientSettings(settings.build()).build();
    }

    private static PartnerClient partnerRow(ResultSet row, int number) throws SQLException {
        Array banks = row.getArray("banks");
        List<String> bankIds = banks == null ? List.of()
                : Arrays.stream((Object[]) banks.getArray()).map(String::valueOf).toList();
        return new PartnerClient(row.getString("client_id"), bankIds, row.getString("jwks"),
                row.getString("webhook_url"), row.getString("software_id"),
                PartnerClient.Status.valueOf(row.getString("status")));
    }
}
