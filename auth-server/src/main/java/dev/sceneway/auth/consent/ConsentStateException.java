package dev.sceneway.auth.consent;

/** The consent's status does not allow the change asked for (e.g. authorising a revoked consent). */
public class ConsentStateException extends RuntimeException {

    public ConsentStateException(String message) {
        super(message);
    }
}
