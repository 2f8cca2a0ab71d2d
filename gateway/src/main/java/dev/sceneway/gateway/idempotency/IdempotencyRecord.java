package dev.sceneway.gateway.idempotency;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What Redis keeps under one idempotency key: while the first request runs, its fingerprint and an owner token
 * (so that only its own gateway completes or releases it); then the response to replay.
 *
 * @param fingerprint {@link IdempotencyKeys#fingerprint} of the first request
 * @param owner a random token of the request that claimed the key; null once completed
 * @param status the response status once completed; 0 while in flight
 * @param headers the replayed response headers
 * @param body the response body, base64
 */
record IdempotencyRecord(String fingerprint, @Nullable String owner, int status, Map<String, List<String>> headers,
        String body) {

    IdempotencyRecord {
        headers = Map.copyOf(headers);
    }

    static IdempotencyRecord inFlight(String fingerprint, String owner) {
        return new IdempotencyRecord(fingerprint, owner, 0, Map.of(), "");
    }

    static IdempotencyRecord completed(String fingerprint, int status, Map<String, List<String>> headers,
            byte[] body) {
        return new IdempotencyRecord(fingerprint, null, status, headers, Base64.getEncoder().encodeToString(body));
    }

    boolean isInFlight() {
        return status == 0;
    }

    byte[] bodyBytes() {
        return Base64.getDecoder().decode(body);
    }
}
