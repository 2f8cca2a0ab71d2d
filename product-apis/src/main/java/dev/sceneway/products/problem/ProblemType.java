package dev.sceneway.products.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The catalogue of problems this service reports (RFC 9457): stable {@code type} URIs, titles and statuses.
 * The slugs are part of the public contract shared with the gateway and the auth-server; never rename one.
 */
public enum ProblemType {

    TOKEN_MISSING("token-missing", "Access token missing", HttpStatus.UNAUTHORIZED),
    TOKEN_INVALID("token-invalid", "Access token invalid", HttpStatus.UNAUTHORIZED),
    INSUFFICIENT_SCOPE("insufficient-scope", "Insufficient scope", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    // Consents (common.yaml). After INSUFFICIENT_SCOPE: forStatus(403) must keep answering insufficient-scope.
    CONSENT_REQUIRED("consent-required", "Consent required", HttpStatus.FORBIDDEN),
    CONSENT_WRONG_BANK("consent-wrong-bank", "Consent granted at another bank", HttpStatus.FORBIDDEN),
    CONSENT_PERMISSION_MISSING("consent-permission-missing", "Consent permission missing", HttpStatus.FORBIDDEN),
    RESOURCE_NOT_IN_CONSENT("resource-not-in-consent", "Resource not in consent", HttpStatus.FORBIDDEN),
    CONSENT_TERMS_MISMATCH("consent-terms-mismatch", "Consent terms mismatch", HttpStatus.FORBIDDEN),
    CONSENT_CONSUMED("consent-consumed", "Consent consumed", HttpStatus.FORBIDDEN),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", HttpStatus.UNPROCESSABLE_CONTENT),
    // Consumer credit (common.yaml).
    CREDIT_STATE_CONFLICT("credit-state-conflict", "Credit state conflict", HttpStatus.CONFLICT),
    CREDIT_TERMS_NOT_OFFERED("credit-terms-not-offered", "Credit terms not offered", HttpStatus.UNPROCESSABLE_CONTENT),
    DISCLOSURE_MISMATCH("disclosure-mismatch", "Disclosure mismatch", HttpStatus.CONFLICT),
    EARLY_REPAYMENT_AMOUNT_CHANGED("early-repayment-amount-changed", "Early repayment amount changed",
            HttpStatus.CONFLICT),
    INSUFFICIENT_FUNDS("insufficient-funds", "Insufficient funds", HttpStatus.UNPROCESSABLE_CONTENT),
    PAYMENT_NOT_REFUNDABLE("payment-not-refundable", "Payment not refundable", HttpStatus.CONFLICT),
    REFUND_EXCEEDS_PAYMENT("refund-exceeds-payment", "Refund exceeds payment", HttpStatus.UNPROCESSABLE_CONTENT),
    DEPOSIT_TERMS_NOT_OFFERED("deposit-terms-not-offered", "Deposit terms not offered",
            HttpStatus.UNPROCESSABLE_CONTENT);

    private static final String TYPE_BASE = "https://sceneway.dev/problems/";

    private final URI type;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.type = URI.create(TYPE_BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The body for this problem at {@code instance} (the request path). */
    public Problem toProblem(String detail, String instance) {
        return new Problem(type, title, status.value(), detail, instance);
    }

    /**
     * The catalogue entry for a status that reached us without one (a framework rejection, an error dispatch):
     * the first entry with that status, else {@link #BAD_REQUEST} for other 4xx and {@link #INTERNAL_ERROR}.
     */
    public static ProblemType forStatus(int status) {
        Optional<ProblemType> exact = Arrays.stream(values()).filter(p -> p.status.value() == status).findFirst();
        return exact.orElse(status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR);
    }
}
