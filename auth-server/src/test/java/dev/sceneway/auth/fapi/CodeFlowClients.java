package dev.sceneway.auth.fapi;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Registers the test partners of the code flow (client_secret_basic, as sandbox clients authenticate today), each
 * with one exact redirect URI, and removes them with their grants afterwards: the suites that share the context
 * count the sandbox's own clients.
 */
final class CodeFlowClients {

    private CodeFlowClients() {
    }

    static void unregister(JdbcTemplate jdbc) {
        List<String> ids = List.of(CodeFlowClient.CLIENT_ID, CodeFlowClient.OTHER_CLIENT_ID);
        for (String clientId : ids) {
            jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id IN "
                    + "(SELECT id FROM oauth2_registered_client WHERE client_id = ?)", clientId);
            jdbc.update("DELETE FROM oauth2_registered_client WHERE client_id = ?", clientId);
        }
    }

    static void register(RegisteredClientRepository clients, PasswordEncoder passwords) {
        for (String clientId : new String[] {CodeFlowClient.CLIENT_ID, CodeFlowClient.OTHER_CLIENT_ID}) {
            if (clients.findByClientId(clientId) == null) {
                clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                        .clientId(clientId)
                        .clientSecret(passwords.encode(CodeFlowClient.SECRET))
                        .clientName(clientId)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .redirectUri(CodeFlowClient.REDIRECT_URI)
                        .scope("accounts")
                        .scope("payments")
                        .build());
            }
        }
    }
}
