package dev.sceneway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.sceneway.infra.SharedTestInfrastructure;
import dev.sceneway.testing.TestDpop;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server without the sandbox profile, as production runs it: client secrets are neither accepted nor
 * registrable, mTLS is not advertised, and partner URLs must be public https URLs (SSRF guard).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionProfileIT {

    private static final String ISSUER = "https://auth.sceneway.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RSAKey partnerKey = TestClientKeys.rsa("prod-1");
    private final TestDpop dpopKey = TestDpop.ec();
    private ConfigurableApplicationContext server;
    private String base;

    @BeforeAll
    void start() {
        byte[] keyEncryptionKey = new byte[32];
        new SecureRandom().nextBytes(keyEncryptionKey);
        server = new SpringApplicationBuilder(AuthServerApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--sceneway.auth.issuer=" + ISSUER,
                "--sceneway.auth.key-encryption-key=" + Base64.getEncoder().encodeToString(keyEncryptionKey),
                "--spring.datasource.url=" + SharedTestInfrastructure.freshDatabase("auth_production"),
                "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password(),
                "--spring.data.redis.host=" + SharedTestInfrastructure.redis().host(),
                "--spring.data.redis.port=" + SharedTestInfrastructure.redis().port(),
                "--sceneway.auth.clients.admin-clients[0].client-id=" + TestClientKeys.ADMIN_CLIENT_ID,
                "--sceneway.auth.clients.admin-clients[0].name=Platform administration",
                "--sceneway.auth.clients.admin-clients[0].jwks=" + TestClientKeys.publicJwks(TestClientKeys.ADMIN),
                "--sceneway.auth.clients.software-statement-jwks="
                        + TestClientKeys.publicJwks(TestClientKeys.PLATFORM));
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metadataWhenNotSandboxThenAdvertisesPrivateKeyJwtOnlyWithPs256AndEs256() {
        JsonNode metadata = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base
                + "/.well-known/oauth-authorization-server")).GET()).body());

        for (String member : new String[] {"token_endpoint_auth_methods_supported",
            "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported"}) {
            assertThat(metadata.get(member).toString()).as(member).isEqualTo("[\"private_key_jwt\"]");
        }
        assertThat(metadata.get("token_endpoint_auth_signing_alg_values_supported").toString())
                .isEqualTo("[\"PS256\",\"ES256\"]");
        assertThat(metadata.toString()).doesNotContain("tls_client_auth").doesNotContain("client_secret");
    }

    @Test
    void tokenWhenAClientSecretClientExistsAnywayThenNeitherBasicNorPostAuthenticates() {
        server.getBean(RegisteredClientRepository.class).save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("legacy-secret")
                .clientSecret(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("s3cret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("products").build());

        HttpResponse<String> basic = send(tokenRequest(Map.of("grant_type", "client_credentials"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("legacy-secret:s3cret".getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> post = send(tokenRequest(Map.of("grant_type", "client_credentials",
                "client_id", "legacy-secret", "client_secret", "s3cret")));

        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(basic.body() + post.body()).doesNotContain("access_token");
    }

    @Test
    void adminCreateWhenClientSecretMethodThenRefused() {
        HttpResponse<String> response = admin("{\"client_name\": \"x\", \"scope\": \"products\", "
                + "\"token_endpoint_auth_method\": \"client_secret_basic\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("must be private_key_jwt");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "\"jwks_uri\": \"https://127.0.0.1/jwks\"",
        "\"jwks_uri\": \"https://localhost/jwks\"",
        "\"jwks_uri\": \"http://keys.sceneway.dev/jwks\"",
        "\"jwks\": %s, \"webhook_uri\": \"https://10.0.0.1/hooks\"",
        "\"jwks\": %s, \"webhook_uri\": \"https://[fd00::1]/hooks\"",
        "\"jwks\": %s, \"webhook_uri\": \"https://169.254.169.254/latest/meta-data\"",
        "\"jwks\": %s, \"grant_types\": [\"authorization_code\"], \"redirect_uris\": [\"https://192.168.1.1/cb\"]",
        "\"jwks\": %s, \"grant_types\": [\"authorization_code\"], \"redirect_uris\": [\"http://app.sceneway.dev/cb\"]",
    })
    void adminCreateWhenAUrlIsPrivateLoopbackLinkLocalOrNotHttpsThenRefused(String members) {
        HttpResponse<String> response = admin("{\"client_name\": \"x\", \"scope\": \"products\", "
                + members.formatted(TestClientKeys.publicJwks(partnerKey)) + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("type").asString())
                .isEqualTo("https://sceneway.dev/problems/invalid-client-metadata");
    }

    @Test
    void registerWhenStatementApprovesAClientSecretThenRefused() {
        String statement = TestClientKeys.softwareStatement(claims -> claims
                .claim("token_endpoint_auth_method", "client_secret_post"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\": \"x\", \"scope\": \"products\", \"software_statement\": \"" + statement
                                + "\"}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asString()).isEqualTo("invalid_client_metadata");
    }

    @Test
    void tokenWhenPrivateKeyJwtThenIssuedAsInTheSandbox() {
        HttpResponse<String> created = admin("{\"client_name\": \"x\", \"scope\": \"products\", \"jwks\": "
                + TestClientKeys.publicJwks(partnerKey) + ", \"banks\": [\"lakeside\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientId = JSON.readTree(created.body()).get("client_id").asString();

        assertThat(assertionToken(clientId, TestClientKeys.assertion(partnerKey, clientId, ISSUER), "products")
                .statusCode()).isEqualTo(200);
    }

    /** Production requires DPoP for client_credentials: the admin token is DPoP-bound and used with a proof. */
    private HttpResponse<String> admin(String body) {
        HttpResponse<String> token = assertionToken(TestClientKeys.ADMIN_CLIENT_ID,
                TestClientKeys.assertion(TestClientKeys.ADMIN, TestClientKeys.ADMIN_CLIENT_ID, ISSUER), "admin");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asString();
        String url = base + "/admin/clients";
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "DPoP " + accessToken)
                .header("DPoP", dpopKey.proof("POST", url).accessToken(accessToken).sign())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void tokenWhenClientCredentialsWithoutDpopProofThenRefused() {
        HttpResponse<String> response = send(tokenRequest(Map.of("grant_type", "client_credentials",
                "scope", "admin", "client_id", TestClientKeys.ADMIN_CLIENT_ID,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", TestClientKeys.assertion(TestClientKeys.ADMIN, TestClientKeys.ADMIN_CLIENT_ID,
                        ISSUER))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asString()).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void adminWhenTheDpopBoundTokenComesWithoutItsProofThenUnauthorized() {
        HttpResponse<String> token = assertionToken(TestClientKeys.ADMIN_CLIENT_ID,
                TestClientKeys.assertion(TestClientKeys.ADMIN, TestClientKeys.ADMIN_CLIENT_ID, ISSUER), "admin");
        String accessToken = JSON.readTree(token.body()).get("access_token").asString();

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/admin/clients"))
                .header("Authorization", "DPoP " + accessToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** client_credentials with private_key_jwt and a DPoP proof for the token endpoint. */
    private HttpResponse<String> assertionToken(String clientId, String assertion, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scope);
        form.put("client_id", clientId);
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        return send(dpopTokenRequest(form));
    }

    private HttpRequest.Builder tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder dpopTokenRequest(Map<String, String> form) {
        return tokenRequest(form).header("DPoP", dpopKey.proof("POST", base + "/oauth2/token").sign());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
