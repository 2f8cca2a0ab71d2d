package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerApplication;
import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.infra.Infrastructure;
import dev.sceneway.infra.SharedTestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
            run(List.of("bash", "-c", ". ../scripts/node-tools.sh && require_node 'the independent OAuth client' "
                    + "&& npm_install_pinned " + CLIENT_DIR), Map.of());

            String output = run(List.of("node", CLIENT_DIR.resolve("fapi-client.mjs").toString()), Map.of(
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

    private static void assumeNode() {
        boolean present;
        try {
            present = new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs Node.js for the independent OAuth client");
        }
        Assumptions.assumeTrue(present, "Node.js is not installed: the independent OAuth client is SKIPPED");
    }

    private static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
        return output;
    }
}
