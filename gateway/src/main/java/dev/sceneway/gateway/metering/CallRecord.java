package dev.sceneway.gateway.metering;

import java.time.Instant;

/**
 * One call through the gateway, as metering, metrics and the access log see it. Every field is bounded in
 * cardinality and free of personal data: no raw path, no query string, no header value.
 *
 * @param at when the call arrived
 * @param partner the access token's {@code client_id}, or {@value #ANONYMOUS} when the call had no valid token
 * @param bank the bank (tenant) the call addressed, or {@value #NONE}
 * @param product the API product (the path segment after the bank, e.g. {@code credit}), or {@value #NONE}
 * @param operation the spec's {@code operationId}, otherwise the method and the route's path pattern
 * @param route the gateway route that served the call, or {@value #NONE}
 * @param method the HTTP method ({@code OTHER} for a non-standard one)
 * @param status the HTTP status sent ({@value #CLIENT_CLOSED} when the client went away first)
 * @param latencyMicros from the request's arrival to the response's completion
 * @param interactionId the call's {@code x-fapi-interaction-id}
 */
public record CallRecord(Instant at, String partner, String bank, String product, String operation, String route,
        String method, int status, long latencyMicros, String interactionId) {

    public static final String ANONYMOUS = "anonymous";
    public static final String NONE = "none";
    /** nginx's convention for "the client closed the connection before the response". */
    public static final int CLIENT_CLOSED = 499;

    public CallRecord {
        if (latencyMicros < 0) {
            throw new IllegalArgumentException("latencyMicros must be >= 0, but was " + latencyMicros);
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100..599), but was " + status);
        }
    }

    public boolean clientError() {
        return status >= 400 && status < 500;
    }

    public boolean serverError() {
        return status >= 500;
    }
}
