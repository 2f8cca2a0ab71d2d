package dev.sceneway.auth.client;

import dev.sceneway.auth.AuthProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In the {@code sandbox} profile, registers the demo partners of {@code sceneway.auth.sandbox-clients} at startup.
 *
 * <p>CAUTION: their secrets are published in application-sandbox.yml; this runner exists only in that profile.
 */
@Component
@Profile("sandbox")
class SandboxClientSeeder implements ApplicationRunner {

    private final AuthProperties properties;
    private final PublicUrlGuard urls;
    private final SandboxClientRegistrar registrar;

    SandboxClientSeeder(AuthProperties properties, PartnerClientRepository clients, PasswordEncoder passwordEncoder,
            JdbcTemplate jdbc, PlatformTransactionManager transactions, PublicUrlGuard urls) {
        this.properties = properties;
        this.urls = urls;
        this.registrar = new SandboxClientRegistrar(clients, passwordEncoder, jdbc,
                new TransactionTemplate(transactions));
    }

    @Override
    public void run(ApplicationArguments args) {
        for (AuthProperties.SandboxClient client : properties.sandboxClients()) {
            if (client.webhookUrl() != null && !client.webhookUrl().isBlank()) {
                // The rules of the admin API and registration (the sandbox allows http and localhost).
                urls.problemWith("webhook_uri", client.webhookUrl()).ifPresent(problem -> {
                    throw new IllegalStateException("sceneway.auth.sandbox-clients[" + client.clientId()
                            + "].webhook-url: " + problem);
                });
            }
        }
        registrar.registerMissing(properties.sandboxClients());
    }
}
