package dev.sceneway.auth.webhook;

import dev.sceneway.auth.client.PartnerClient;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.auth.consent.ConsentStatusChanged;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The transactional outbox: a consent change the partner is told about queues a {@code webhook_delivery} row in the
 * consent change's own transaction (before its commit), so the webhook exists exactly when the change does: a
 * rolled-back change sends nothing, a committed one cannot lose its webhook. A partner app without a webhook URL
 * gets no row. Should the insert fail, the consent change fails with it.
 */
final class WebhookOutbox {

    private final PartnerClientRepository clients;
    private final WebhookStore store;
    private final WebhookPayloads payloads;
    private final Clock clock;

    WebhookOutbox(PartnerClientRepository clients, WebhookStore store, WebhookPayloads payloads, Clock clock) {
        this.clients = clients;
        this.store = store;
        this.payloads = payloads;
        this.clock = clock;
    }

    /**
     * {@code fallbackExecution}: a change published outside a transaction (none should be) still queues its
     * webhook, in a transaction of its own, rather than losing it.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(ConsentStatusChanged change) {
        if (change.from() == change.consent().status()) {
            return; // a repeated request (e.g. revoking a revoked consent) changes nothing
        }
        Optional<WebhookEventType> type = WebhookEventType.entering(change.consent().status());
        if (type.isEmpty()) {
            return;
        }
        String clientId = change.consent().partnerId();
        boolean hasUrl = clients.partner(clientId).map(PartnerClient::webhookUrl).isPresent();
        if (!hasUrl) {
            return;
        }
        UUID eventId = UUID.randomUUID();
        store.enqueue(eventId, clientId, type.get(), change.consent().id(),
                payloads.consentEvent(eventId, type.get(), change), clock.instant());
    }
}
