package dev.sceneway.gateway.metering;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * Names a finished call ({@link CallClassifier}) and hands its {@link CallRecord} to every {@link CallObserver}
 * (metering buffer, metrics, access log); nothing here waits for any of them. Used by {@link CallRecordingWebFilter}
 * for every call of the filter chain and by the read lane for the calls it answers itself.
 */
public final class CallRecorder {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final CallClassifier classifier;
    private final List<CallObserver> observers;

    CallRecorder(CallClassifier classifier, List<CallObserver> observers) {
        this.classifier = classifier;
        this.observers = List.copyOf(observers);
    }

    /** False when metering, request metrics and the access log are all switched off. */
    public boolean active() {
        return !observers.isEmpty();
    }

    CallClassifier classifier() {
        return classifier;
    }

    /**
     * Records a call on bank {@code bankId}'s route, answered by the read lane; {@code partner} is the verified
     * token's {@code client_id}.
     */
    public void recordBankCall(Instant at, long latencyMicros, HttpMethod method, PathContainer path, String bankId,
            String partner, int status, String interactionId) {
        try {
            CallClassifier.Classification call = classifier.classifyBankCall(method, path, bankId);
            observe(new CallRecord(at, partner, call.bank(), call.product(), call.operation(), call.route(),
                    call.method(), status, latencyMicros, interactionId));
        } catch (RuntimeException ex) {
            // Recording must never fail a call whose response has already gone out.
            log.warn("[{}] Could not record the call: {}", interactionId, ex.toString());
        }
    }

    void observe(CallRecord record) {
        for (CallObserver observer : observers) {
            observer.observe(record);
        }
    }
}
