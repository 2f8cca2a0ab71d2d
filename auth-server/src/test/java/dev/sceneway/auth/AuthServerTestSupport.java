package dev.sceneway.auth;

import dev.sceneway.infra.SharedTestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server on a random port, with the sandbox profile, on a database of its own. Every test class that
 * extends this shares one Spring context and one database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
public abstract class AuthServerTestSupport {

    /** Not the sandbox's localhost:9000, to show the issuer is configuration and not the request's host. */
    public static final String ISSUER = "https://auth.sceneway.test";
    protected static final String DATABASE_URL = SharedTestInfrastructure.freshDatabase("auth");
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> SharedTestInfrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> SharedTestInfrastructure.postgres().password());
        registry.add("sceneway.auth.issuer", () -> ISSUER);
        registry.add("management.server.port", () -> "0");
        registry.add("spring.data.redis.host", () -> SharedTestInfrastructure.redis().host());
        registry.add("spring.data.redis.port", () -> SharedTestInfrastructure.redis().port());
        registry.add("sceneway.auth.clients.admin-clients[0].client-id", () -> TestClientKeys.ADMIN_CLIENT_ID);
        registry.add("sceneway.auth.clients.admin-clients[0].name", () -> "Platform administration");
        registry.add("sceneway.auth.clients.admin-clients[0].jwks",
                () -> TestClientKeys.publicJwks(TestClientKeys.ADMIN));
        registry.add("sceneway.auth.clients.software-statement-jwks",
                () -> TestClientKeys.publicJwks(TestClientKeys.PLATFORM));
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POST {@code /oauth2/token} with client_secret_basic (RFC 6749 section 2.3.1) and these form fields. */
    protected HttpResponse<String> tokenRequest(TestPartners.Credentials client, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString(
                (encode(client.clientId()) + ":" + encode(client.secret())).getBytes(StandardCharsets.UTF_8));
        return postForm(port, form, "Basic " + basic);
    }

    protected HttpResponse<String> postForm(int serverPort, Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** A client_credentials access token for {@code client}, asking for {@code scope}. */
    protected String accessToken(TestPartners.Credentials client, String scope) {
        HttpResponse<String> response = tokenRequest(client, Map.of("grant_type", "client_credentials", "scope", scope));
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asString();
    }

    /** POST {@code /oauth2/token} with a private_key_jwt client assertion (RFC 7523 section 2.2). */
    protected HttpResponse<String> assertionTokenRequest(String clientId, String assertion,
            Map<String, String> form) {
        Map<String, String> all = new java.util.HashMap<>(form);
        all.put("client_id", clientId);
        all.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        all.put("client_assertion", assertion);
        return postForm(port, all, null);
    }

    /** A client_credentials access token for the platform admin client (scope admin), by private_key_jwt. */
    protected String adminToken() {
        HttpResponse<String> response = assertionTokenRequest(TestClientKeys.ADMIN_CLIENT_ID,
                TestClientKeys.assertion(TestClientKeys.ADMIN, TestClientKeys.ADMIN_CLIENT_ID, ISSUER),
                Map.of("grant_type", "client_credentials", "scope", "admin"));
        if (response.statusCode() != 200) {
            throw new AssertionError("admin token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asString();
    }

    /** A JSON request to this server with an optional bearer token; {@code body} may be null. */
    protected HttpResponse<String> jsonRequest(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
