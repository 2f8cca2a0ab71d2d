package dev.sceneway.gateway.consent;

import dev.sceneway.gateway.problem.GatewayProblem;

/**
 * Why a call was refused under its consent: the problem the partner sees, the {@code reason} tag of the refusal
 * metric, and a detail naming what was wrong. The detail never says more about a consent than its holder may know.
 */
record ConsentRefusal(GatewayProblem problem, String reason, String detail) {

    static ConsentRefusal missing(String type) {
        return new ConsentRefusal(GatewayProblem.CONSENT_REQUIRED, "missing",
                "This operation acts for a customer: it needs an access token bound to a consent of type '" + type
                        + "'. This token carries no consent.");
    }

    static ConsentRefusal wrongType(String type, String actual) {
        return new ConsentRefusal(GatewayProblem.CONSENT_REQUIRED, "wrong-type",
                "This operation needs a consent of type '" + type + "'; the token's consent is of type '" + actual
                        + "'.");
    }

    /** Unknown, or not this partner's (or customer's): the same answer, so that ids cannot be probed. */
    static ConsentRefusal unknown() {
        return new ConsentRefusal(GatewayProblem.CONSENT_NOT_AUTHORISED, "unknown",
                "The consent this token is bound to is not known (for this partner).");
    }

    static ConsentRefusal wrongBank(String consentBank, String routeBank) {
        return new ConsentRefusal(GatewayProblem.CONSENT_WRONG_BANK, "wrong-bank",
                "The token's consent was granted at bank '" + consentBank + "', not at bank '" + routeBank + "'.");
    }

    static ConsentRefusal awaiting() {
        return new ConsentRefusal(GatewayProblem.CONSENT_NOT_AUTHORISED, "awaiting-authorisation",
                "The consent is still awaiting the customer's authorisation.");
    }

    static ConsentRefusal rejected() {
        return new ConsentRefusal(GatewayProblem.CONSENT_NOT_AUTHORISED, "rejected",
                "The customer rejected this consent.");
    }

    static ConsentRefusal revoked() {
        return new ConsentRefusal(GatewayProblem.CONSENT_REVOKED, "revoked",
                "The consent was revoked; tokens bound to it no longer work. Ask the customer for a new consent.");
    }

    static ConsentRefusal expiredStatus() {
        return new ConsentRefusal(GatewayProblem.CONSENT_EXPIRED, "expired",
                "The consent has expired. Ask the customer for a new consent.");
    }

    static ConsentRefusal expiredAt(java.time.Instant expiresAt) {
        return new ConsentRefusal(GatewayProblem.CONSENT_EXPIRED, "expired",
                "The consent expired at " + expiresAt + ". Ask the customer for a new consent.");
    }

    static ConsentRefusal consumed() {
        return new ConsentRefusal(GatewayProblem.CONSENT_CONSUMED, "consumed",
                "The payment consent has already been used; a payment consent is good for one payment.");
    }

    static ConsentRefusal permissionMissing(String permission) {
        return new ConsentRefusal(GatewayProblem.CONSENT_PERMISSION_MISSING, "permission-missing",
                "The consent does not grant the permission '" + permission + "' this operation needs.");
    }

    static ConsentRefusal frequencyExceeded(int perDay, long retryAfterSeconds) {
        return new ConsentRefusal(GatewayProblem.CONSENT_FREQUENCY_EXCEEDED, "frequency-exceeded",
                "The consent allows " + perDay + " access(es) per day (UTC) and they are used up. Retry after "
                        + retryAfterSeconds + " s, at the next UTC midnight.");
    }

    static ConsentRefusal unavailable() {
        return new ConsentRefusal(GatewayProblem.CONSENT_UNAVAILABLE, "unavailable",
                "The consent store cannot answer right now, so the consent could not be checked; nothing was "
                        + "forwarded. Try again later.");
    }
}
