package dev.sceneway.auth.client;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Spring's JDBC repository for the standard client fields, joined with {@code partner_client} for Sceneway's: a
 * loaded client carries its banks and JWKS in its settings ({@link PartnerSettings}), and a disabled client is not
 * found by client id, so it cannot authenticate at any endpoint.
 */
public final class PartnerClientRepository implements RegisteredClientRepository {

    private final RegisteredClientRepository delegate;
    private final JdbcTemplate jdbc;

    public PartnerClientRepository(RegisteredClientRepository delegate, JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.jdbc = jdbc;
    }

    @Override
    public void save(RegisteredClient client) {
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
