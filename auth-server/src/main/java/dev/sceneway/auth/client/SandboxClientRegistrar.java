package dev.sceneway.auth.client;

import dev.sceneway.auth.AuthProperties.SandboxClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers partner apps that are not registered yet; of an existing client only the scopes change, and only by
 * gaining the configured ones it lacks (a sandbox kept across upgrades gets new scopes, e.g. {@code credit}, and
 * never loses any). Replicas starting together queue on a PostgreSQL advisory lock, so each client is inserted
 * exactly once.
 */
final class SandboxClientRegistrar {

    private static final Logger log = LoggerFactory.getLogger(SandboxClientRegistrar.class);

    /** pg_advisory_xact_lock key for client seeding; unique within sceneway_auth. */
    private static final long SEED_CLIENTS_LOCK = 0x5CE9_0A02L;

    private final PartnerClientRepository clients;
    private final PasswordEncoder passwordEncoder;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    SandboxClientRegistrar(PartnerClientRepository clients, PasswordEncoder passwordEncoder, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        this.clients = clients;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Returns how many clients were registered by this call. */
    int registerMissing(List<SandboxClient> wanted) {
        Integer registered = transactions.execute(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, SEED_CLIENTS_LOCK);
            int count = 0;
            for (SandboxClient client : wanted) {
                Optional<RegisteredClient> existing = clients.findIncludingDisabled(client.clientId());
                if (existing.isPresent() && !existing.get().getScopes().containsAll(client.scopes())) {
                    clients.save(RegisteredClient.from(existing.get())
                            .scopes(scopes -> scopes.addAll(client.scopes())).build());
                    log.info("Sandbox client {} gained scopes {}", client.clientId(), client.scopes());
                }
                if (existing.isEmpty()) {
                    clients.save(toRegisteredClient(client));
                    clients.savePartner(new PartnerClient(client.clientId(), client.banks(),
                            client.jwks() == null || client.jwks().isBlank() ? null : client.jwks(),
                            client.webhookUrl() == null || client.webhookUrl().isBlank() ? null : client.webhookUrl(),
                            null, PartnerClient.Status.ACTIVE));
                    log.info("Registered sandbox client {}", client.clientId());
                    count++;
                }
            }
            return count;
        });
        return registered == null ? 0 : registered;
    }

    /**
     * Every client gets client_credentials; one with redirect URIs also gets the authorization code and refresh
     * grants with exactly those URIs (customer journeys). A client with keys by value (kept in {@code partner_client})
     * authenticates with private_key_jwt, the others with their sandbox secret.
     */
    private RegisteredClient toRegisteredClient(SandboxClient client) {
        RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(client.clientId())
                .clientName(client.name())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()));
        if (!client.redirectUris().isEmpty()) {
            builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(uris -> uris.addAll(client.redirectUris()));
        }
        if (client.jwks() != null && !client.jwks().isBlank()) {
            return builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT).build();
        }
        return builder.clientSecret(passwordEncoder.encode(client.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .build();
    }
}
