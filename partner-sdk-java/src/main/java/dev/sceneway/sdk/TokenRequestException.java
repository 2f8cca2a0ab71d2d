package dev.sceneway.sdk;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint refused or could not be reached. {@link #error()} is the RFC 6749 §5.2 error code (e.g.
 * {@code invalid_client}, {@code invalid_scope}) when the server sent one.
 */
public final class TokenRequestException extends RuntimeException {

    private final int status;
    private final @Nullable String error;

    TokenRequestException(String message, int status, @Nullable String error) {
        super(message);
        this.status = status;
        this.error = error;
    }

    TokenRequestException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.error = null;
    }

    /** The HTTP status of the token response, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The OAuth error code of the token response, if any. */
    public @Nullable String error() {
        return error;
    }
}
