package dev.sceneway.auth.fapi;

import static dev.sceneway.testing.NodeScripts.assumeNode;
import static dev.sceneway.testing.NodeScripts.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerApplication;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.infra.Infrastructure;
import dev.sceneway.infra.SharedTestInfrastructure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An OAuth client that is not Spring ({@code oauth4webapi}, pinned in src/test/node/package.json) completes both flows
 * against a running auth-server: discovery, client_credentials with DPoP, and PAR + PKCE + DPoP code flow with the
 * customer login automated. The server runs on a fixed port with its issuer equal to its URL, as a real client needs
 * (discovery checks the issuer; DPoP proofs name the token endpoint's URL). Skipped, loudly, without Node.js unless
 * {@code CI} is set, like the project's other Node-based steps (scripts/node-tools.sh).
 */
class IndependentClientIT {

    private static final Path MODULE_DIR = Path.of("").toAbsolutePath();
    private static final Path CLIENT_DIR = Path.of("src/test/node");

    @Test
    void oauth4webapiWhenRunAgainstTheServerThenBothFlowsEndInDpopBoundTokens() throws Exception {
        assumeNode();
        int port = Infrastructure.freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("sandbox")
                .run("--server.port=" + port, "--management.server.port=0", "--sceneway.auth.issuer=" + issuer,
                        "--spring.datasource.url=" + SharedTestInfrastructure.freshDatabase("auth_node_client"),
                        "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                        "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password())) {
            CodeFlowClients.register(server.getBean(PartnerClientRepository.class));
            run(MODULE_DIR, List.of("bash", "-c", ". ../scripts/node-tools.sh && require_node 'the independent OAuth client' "
                    + "&& npm_install_pinned " + CLIENT_DIR), Map.of());

            String output = run(MODULE_DIR, List.of("node", CLIENT_DIR.resolve("fapi-client.mjs").toString()), Map.of(
                    "ISSUER", issuer, "CLIENT_ID", CodeFlowClient.CLIENT_ID, "CLIENT_PRIVATE_JWK",
                    CodeFlowClients.KEYS.get(CodeFlowClient.CLIENT_ID).toJSONString(),
                    "REDIRECT_URI", CodeFlowClient.REDIRECT_URI, "CUSTOMER_USERNAME", "alice",
                    "CUSTOMER_PASSWORD", "alice-password"));

            JsonNode seen = AuthJson.read(output.lines().reduce((first, last) -> last).orElse("{}"));
            assertThat(seen.get("partnerTokenType").asString()).isEqualToIgnoringCase("DPoP");
            assertThat(seen.get("customerTokenType").asString()).isEqualToIgnoringCase("DPoP");
            assertThat(seen.get("customerSubject").asString()).isEqualTo("alice");
            assertThat(seen.get("customerJkt").asString()).hasSize(43);
            assertThat(seen.get("refreshToken").asBoolean()).isTrue();
            assertThat(seen.get("iss").asString()).isEqualTo(issuer);
        }
    }


}
