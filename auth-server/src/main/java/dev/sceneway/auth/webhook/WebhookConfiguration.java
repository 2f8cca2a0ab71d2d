package dev.sceneway.auth.webhook;

import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.auth.client.PublicUrlGuard;
import dev.sceneway.auth.key.SigningKeyRing;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The webhook outbox (written with consent changes), and the delivery worker that empties it. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookStore webhookStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new WebhookStore(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    WebhookOutbox webhookOutbox(PartnerClientRepository clients, WebhookStore store, JsonMapper json, Clock clock) {
        return new WebhookOutbox(clients, store, new WebhookPayloads(json), clock);
    }

    @Bean
    PartnerEventWebhooks partnerEventWebhooks(PartnerClientRepository clients, WebhookStore store, Clock clock) {
        return new PartnerEventWebhooks(clients, store, clock);
    }

    @Bean
    WebhookWorker webhookWorker(WebhookStore store, SigningKeyRing keys, PublicUrlGuard urls,
            WebhookProperties properties, Clock clock) {
        return new WebhookWorker(store, new WebhookSigner(keys), new WebhookSender(urls, properties.timeout()),
                new Backoff(properties.backoffBase(), properties.backoffCap(), new SecureRandom()), properties,
                clock);
    }
}
