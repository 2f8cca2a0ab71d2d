package dev.sceneway.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against the sandbox, for what the partner SDK will not send: missing, forged or under-scoped tokens, unknown
 * banks and paths, bursts over the plan. Plain JDK HTTP on the client it is given (the test gives a contract-checking one).
 */
final class SandboxClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final SandboxSettings settings;

    SandboxClient(SandboxSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    /** A client_credentials access token for a demo partner (client_secret_basic). */
    String token(String clientId, String secret, String scope) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
                .build();
        Reply reply = send(request);
        if (reply.status() != 200) {
            throw new IllegalStateException("token request for " + clientId + " failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("access_token").asString();
    }

    Reply get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Reply getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer. */
    record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String problemType() {
            return json().path("type").asString();
        }
    }

    /** The decoded header or claims (part 0 or 1) of a JWT; no verification, for assertions only. */
    static JsonNode jwtPart(String jwt, int part) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
    }
}
