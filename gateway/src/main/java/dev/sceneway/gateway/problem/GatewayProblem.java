package dev.sceneway.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The catalogue of the gateway's own rejections (RFC 9457). The slugs are part of the public contract: a
 * partner's code may switch on {@link #type()}, so they never change meaning.
 */
public enum GatewayProblem {

    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
    TOKEN_MISSING("token-missing", "Access token missing", HttpStatus.UNAUTHORIZED),
    TOKEN_INVALID("token-invalid", "Access token invalid", HttpStatus.UNAUTHORIZED),
    INSUFFICIENT_SCOPE("insufficient-scope", "Insufficient scope", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    RATE_LIMITED("rate-limited", "Rate limit exceeded", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    RATE_LIMITER_UNAVAILABLE("rate-limiter-unavailable", "Rate limiter unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Upstream unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    UPSTREAM_TIMEOUT("upstream-timeout", "Upstream timeout", HttpStatus.GATEWAY_TIMEOUT),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", "Idempotency key missing", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", "Idempotency key invalid", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", HttpStatus.UNPROCESSABLE_CONTENT),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", "Idempotency key in flight", HttpStatus.CONFLICT),
    IDEMPOTENCY_UNAVAILABLE("idempotency-unavailable", "Idempotency store unavailable",
            HttpStatus.SERVICE_UNAVAILABLE),
    CIRCUIT_OPEN("circuit-open", "Upstream paused", HttpStatus.SERVICE_UNAVAILABLE),
    BULKHEAD_FULL("bulkhead-full", "Upstream busy", HttpStatus.SERVICE_UNAVAILABLE),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
    DPOP_PROOF_INVALID("dpop-proof-invalid", "DPoP proof invalid", HttpStatus.UNAUTHORIZED),
    DPOP_REPLAY_CHECK_UNAVAILABLE("dpop-replay-check-unavailable", "DPoP replay check unavailable",
            HttpStatus.SERVICE_UNAVAILABLE),
    PARTNER_NOT_APPROVED("partner-not-approved", "Partner not approved for this bank", HttpStatus.FORBIDDEN),
    CONSENT_REQUIRED("consent-required", "Consent required", HttpStatus.FORBIDDEN),
    CONSENT_NOT_AUTHORISED("consent-not-authorised", "Consent not authorised", HttpStatus.FORBIDDEN),
    CONSENT_REVOKED("consent-revoked", "Consent revoked", HttpStatus.FORBIDDEN),
    CONSENT_EXPIRED("consent-expired", "Consent expired", HttpStatus.FORBIDDEN),
    CONSENT_CONSUMED("consent-consumed", "Consent consumed", HttpStatus.FORBIDDEN),
    CONSENT_PERMISSION_MISSING("consent-permission-missing", "Consent permission missing", HttpStatus.FORBIDDEN),
    CONSENT_WRONG_BANK("consent-wrong-bank", "Consent granted at another bank", HttpStatus.FORBIDDEN),
    CONSENT_FREQUENCY_EXCEEDED("consent-frequency-exceeded", "Consent frequency exceeded",
            HttpStatus.TOO_MANY_REQUESTS),
    CONSENT_UNAVAILABLE("consent-unavailable", "Consent store unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private static final String TYPE_BASE = "https://sceneway.dev/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    GatewayProblem(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public URI type() {
        return URI.create(TYPE_BASE + slug);
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
