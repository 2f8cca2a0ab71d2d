package dev.sceneway.auth.consent;

/**
 * A consent request (or an authorisation) breaks a rule; {@link #field()} names the offending member so that the
 * partner API can answer {@code 400 bad-request} with the field in its detail.
 */
public class InvalidConsentException extends IllegalArgumentException {

    private final String field;

    public InvalidConsentException(String field, String message) {
        super("Field '" + field + "' " + message + ".");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
