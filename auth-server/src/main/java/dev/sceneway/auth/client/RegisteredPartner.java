package dev.sceneway.auth.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A partner app as the admin API and dynamic registration return it.
 *
 * @param clientId the client id the server assigned
 * @param clientIdIssuedAt when it was registered
 * @param metadata its metadata as stored
 * @param softwareId the software statement's {@code software_id}, or null
 * @param status active or disabled
 * @param clientSecret the client secret in plain text, only in the response that created it (sandbox only)
 */
public record RegisteredPartner(String clientId, Instant clientIdIssuedAt, ClientMetadata metadata,
        @Nullable String softwareId, PartnerClient.Status status, @Nullable String clientSecret) {
}
