package dev.sceneway.auth.client;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the platform administration clients of {@code sceneway.auth.clients.admin-clients} at startup when
 * missing: {@code private_key_jwt} with their configured JWKS, {@code client_credentials}, scope {@code admin}. An
 * existing admin client gets the configured keys, so rotating an admin key is a configuration change. Replicas
 * starting together queue on an advisory lock.
 */
@Component
class AdminClientSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminClientSeeder.class);

    /** pg_advisory_xact_lock key for admin client seeding; unique within sceneway_auth. */
    private static final long SEED_ADMIN_CLIENTS_LOCK = 0x5CE9_0A03L;

    private final ClientProperties properties;
    private final PartnerClientRepository clients;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AdminClientSeeder(ClientProperties properties, PartnerClientRepository clients, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.properties = properties;
        this.clients = clients;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.adminClients().isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, SEED_ADMIN_CLIENTS_LOCK);
            for (ClientProperties.AdminClient admin : properties.adminClients()) {
                if (clients.findIncludingDisabled(admin.clientId()).isEmpty()) {
                    clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                            .clientId(admin.clientId())
                            .clientName(admin.name())
                            .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .scope(Scopes.ADMIN)
                            .build());
                    log.info("Registered admin client {}", admin.clientId());
                }
                PartnerClient current = clients.partner(admin.clientId()).orElse(null);
                clients.savePartner(new PartnerClient(admin.clientId(), List.of(), admin.jwks(), null,
                        null, current == null ? PartnerClient.Status.ACTIVE : current.status()));
            }
        });
    }
}
