package dev.sceneway.auth.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code partner_client}: what Sceneway adds to a registered client.
 *
 * @param clientId the OAuth 2.0 client id
 * @param banks ids of the banks that approved the app, sorted
 * @param jwks public keys by value (JWKS JSON), or null
 * @param webhookUrl where the platform sends this app's webhooks, or null
 * @param softwareId the software statement's {@code software_id} it registered with, or null
 * @param status active or disabled
 */
public record PartnerClient(String clientId, List<String> banks, @Nullable String jwks, @Nullable String webhookUrl,
        @Nullable String softwareId, Status status) {

    public PartnerClient {
        banks = banks.stream().sorted().distinct().toList();
    }

    /** A disabled client cannot authenticate, so it gets no new token; tokens already issued run out. */
    public enum Status {
        ACTIVE, DISABLED
    }
}
