package dev.sceneway.gateway.observability;

import dev.sceneway.gateway.metering.CallObserver;
import dev.sceneway.gateway.metering.CallRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per call on logger {@value #LOGGER}, with exactly: method, route, operation, status, latency,
 * partner and interaction id, as message and as structured key-value pairs (which Boot's structured logging puts
 * into the JSON). CAUTION: nothing else from the request may be added here: the path and query can carry personal
 * data (an e-mail address, an account number) and headers carry tokens; support finds a call by its interaction id.
 */
final class AccessLog implements CallObserver {

    static final String LOGGER = "sceneway.gateway.access";

    static final String METHOD = "http.request.method";
    static final String ROUTE = "sceneway.route";
    static final String OPERATION = "sceneway.operation";
    static final String STATUS = "http.response.status_code";
    static final String DURATION = "event.duration_ms";
    static final String PARTNER = "sceneway.partner";
    static final String INTERACTION = "sceneway.interaction_id";
    /** The key-value pairs of every line, in this order ({@link AccessLogLine} relies on it). */
    static final List<String> KEYS = List.of(METHOD, ROUTE, OPERATION, STATUS, DURATION, PARTNER, INTERACTION);

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public void observe(CallRecord call) {
        if (!log.isInfoEnabled()) {
            return;
        }
        double latencyMillis = call.latencyMicros() / 1000.0;
        log.atInfo()
                .addKeyValue(METHOD, call.method())
                .addKeyValue(ROUTE, call.route())
                .addKeyValue(OPERATION, call.operation())
                .addKeyValue(STATUS, call.status())
                .addKeyValue(DURATION, latencyMillis)
                .addKeyValue(PARTNER, call.partner())
                .addKeyValue(INTERACTION, call.interactionId())
                .log("{} on {} -> {} in {} ms, partner {}, interaction {}", request(call), call.route(),
                        call.status(), latencyMillis, call.partner(), call.interactionId());
    }

    /** {@code GET listCreditProducts}, or the operation alone when it already starts with the method. */
    private static String request(CallRecord call) {
        String operation = call.operation();
        return operation.startsWith(call.method() + " ") ? operation : call.method() + " " + operation;
    }
}
