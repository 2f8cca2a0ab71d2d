package dev.sceneway.auth.consent;

/** Where checked partner events go (the webhook outbox); implementations must treat a repeated event id as done. */
public interface PartnerEventSink {

    void accept(PartnerEvent event);
}
