package dev.sceneway.auth.fapi;

import com.nimbusds.jose.jwk.JWK;
import dev.sceneway.auth.TestClientKeys;
import dev.sceneway.auth.client.PartnerClient;
import dev.sceneway.auth.client.PartnerClientRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Registers the test partners of the code flow as FAPI 2.0 confidential clients ({@code private_key_jwt} with their
 * keys by value, approved for both sandbox banks), each with one exact redirect URI, through the same
 * {@link PartnerClientRepository} the admin API uses. The clients stay registered for the whole context (removing
 * rows behind the repository's back would leave its cache stale); their grants are removed after each test.
 */
final class CodeFlowClients {

    /** The key each test partner signs its client assertions with. */
    static final Map<String, JWK> KEYS = Map.of(
            CodeFlowClient.CLIENT_ID, TestClientKeys.rsa("code-flow-1"),
            CodeFlowClient.OTHER_CLIENT_ID, TestClientKeys.ec("code-flow-other-1"));

    private CodeFlowClients() {
    }

    /** Removes the grants of the test partners (the clients themselves stay). */
    static void removeGrants(JdbcTemplate jdbc) {
        for (String clientId : KEYS.keySet()) {
            jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id IN "
                    + "(SELECT id FROM oauth2_registered_client WHERE client_id = ?)", clientId);
        }
    }

    static void register(PartnerClientRepository clients) {
        for (Map.Entry<String, JWK> partner : KEYS.entrySet()) {
            String clientId = partner.getKey();
            if (clients.findIncludingDisabled(clientId).isEmpty()) {
                clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                        .clientId(clientId)
                        .clientName(clientId)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .redirectUri(CodeFlowClient.REDIRECT_URI)
                        .scope("accounts")
                        .scope("payments")
                        .scope("credit")
                        .build());
                clients.savePartner(new PartnerClient(clientId, List.of("lakeside", "harbour"),
                        TestClientKeys.publicJwks(partner.getValue()), null, null, PartnerClient.Status.ACTIVE));
            }
        }
    }
}
