package dev.sceneway.auth.client;

/**
 * A client registration or update that breaks a rule. {@link #error()} is the RFC 7591 section 3.2.2 error code
 * ({@code invalid_client_metadata}, {@code invalid_redirect_uri}, {@code invalid_software_statement},
 * {@code unapproved_software_statement}); the message is safe to return to the caller.
 */
public class ClientMetadataException extends RuntimeException {

    public static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";
    public static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";
    public static final String INVALID_SOFTWARE_STATEMENT = "invalid_software_statement";
    public static final String UNAPPROVED_SOFTWARE_STATEMENT = "unapproved_software_statement";

    private final String error;

    public ClientMetadataException(String error, String description) {
        super(description);
        this.error = error;
    }

    public static ClientMetadataException invalid(String description) {
        return new ClientMetadataException(INVALID_CLIENT_METADATA, description);
    }

    public String error() {
        return error;
    }
}
