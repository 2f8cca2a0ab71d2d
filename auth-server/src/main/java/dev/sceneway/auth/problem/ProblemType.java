package dev.sceneway.auth.problem;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * The catalogue of problem types this service answers with (RFC 9457); slugs are the contract's. The OAuth
 * endpoints keep RFC 6749 error bodies and are not listed here.
 */
public enum ProblemType {

    BAD_REQUEST("bad-request", 400, "Bad request", "The request is malformed."),
    INVALID_CLIENT_METADATA("invalid-client-metadata", 400, "Invalid client metadata",
            "The partner app's metadata breaks a registration rule; the detail names it."),
    AUTHENTICATION_REQUIRED("authentication-required", 401, "Authentication required",
            "This endpoint needs an authenticated client."),
    FORBIDDEN("forbidden", 403, "Forbidden", "The authenticated client may not do this."),
    NOT_FOUND("not-found", 404, "Not found", "Nothing is published at this path."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed",
            "This path does not support the request's method; the Allow header lists the ones it does."),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", "No representation matches the Accept header."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type",
            "The request body's Content-Type is not supported here."),
    INTERNAL_ERROR("internal-error", 500, "Internal error",
            "The server could not complete the request. The cause has been logged."),

    // The partner API (/v1/**, e.g. consents.yaml) answers with the contract's types only (common.yaml).
    TOKEN_MISSING("token-missing", 401, "Access token missing",
            "This API needs an OAuth 2.0 access token in the Authorization header."),
    TOKEN_INVALID("token-invalid", 401, "Access token invalid",
            "The access token is malformed, expired, not yet valid, or not issued for this API."),
    DPOP_PROOF_INVALID("dpop-proof-invalid", 401, "DPoP proof invalid",
            "The access token is DPoP-bound and the DPoP proof is missing or not valid."),
    INSUFFICIENT_SCOPE("insufficient-scope", 403, "Insufficient scope",
            "The access token lacks the scope this operation needs."),
    PARTNER_NOT_APPROVED("partner-not-approved", 403, "Partner not approved for this bank",
            "The partner is not approved for the bank it addressed."),
    CONSENT_STATE_CONFLICT("consent-state-conflict", 409, "Consent state conflict",
            "The consent's status does not allow this change.");

    /** Specific types that a bare HTTP status must never map to (see {@link #forStatus}). */
    private static final Set<ProblemType> SPECIFIC = EnumSet.of(TOKEN_MISSING, TOKEN_INVALID, DPOP_PROOF_INVALID,
            INSUFFICIENT_SCOPE, PARTNER_NOT_APPROVED, CONSENT_STATE_CONFLICT);

    private static final String TYPE_BASE = "https://sceneway.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;
    private final String detail;

    ProblemType(String slug, int status, String title, String detail) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public URI type() {
        return URI.create(TYPE_BASE + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A generic detail, safe to show to anyone. */
    public String detail() {
        return detail;
    }

    /** The entry for an HTTP status; a status without one maps to bad-request (4xx) or internal-error. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && !SPECIFIC.contains(type)) {
                return type;
            }
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    }
}
