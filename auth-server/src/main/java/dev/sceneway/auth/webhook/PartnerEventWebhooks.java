package dev.sceneway.auth.webhook;

import dev.sceneway.auth.client.PartnerClient;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.auth.consent.PartnerEvent;
import dev.sceneway.auth.consent.PartnerEventSink;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bank services' events (credit decisions, disbursements, instalments) become webhook deliveries like the consent
 * events: the same worker signs and sends them, with the same retries and delivery log. The body is the bank
 * service's, unchanged; the event id it chose is the delivery id, so a report that arrives twice is sent once. A
 * partner app without a webhook URL gets nothing.
 */
final class PartnerEventWebhooks implements PartnerEventSink {

    private static final Logger log = LoggerFactory.getLogger(PartnerEventWebhooks.class);

    private final PartnerClientRepository clients;
    private final WebhookStore store;
    private final Clock clock;

    PartnerEventWebhooks(PartnerClientRepository clients, WebhookStore store, Clock clock) {
        this.clients = clients;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(PartnerEvent event) {
        if (clients.partner(event.partnerId()).map(PartnerClient::webhookUrl).isEmpty()) {
            return;
        }
        if (!store.enqueueOnce(event.id(), event.partnerId(), event.type(), event.consentId(), event.payload(),
                clock.instant())) {
            log.debug("Partner event {} was already queued", event.id());
        }
    }
}
