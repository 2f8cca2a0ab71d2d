package dev.sceneway.sandbox;

import dev.sceneway.testing.TestDpop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A demo partner's back end as a partner would write it against the sandbox: partner-level tokens
 * (client_credentials), the consents API through the gateway, the pushed authorization request naming the consent
 * (PKCE, DPoP key), the code exchange, and DPoP-bound calls to the API. Plain JDK HTTP on the contract-checking
 * client it is given.
 */
final class PartnerApp {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String clientId;
    private final String secret;
    final String redirectUri;
    private final SandboxSettings settings;
    private final HttpClient http;
    /** The key the customer tokens of this partner are bound to. */
    final TestDpop dpop = TestDpop.ec();

    PartnerApp(SandboxSettings settings, HttpClient http, String clientId, String secret, String redirectUri) {
        this.settings = settings;
        this.http = http;
        this.clientId = clientId;
        this.secret = secret;
        this.redirectUri = redirectUri;
    }

    /** A client_credentials token (the sandbox issues these without DPoP). */
    String partnerToken(String scope) {
        SandboxClient.Reply reply = send(HttpRequest.newBuilder(URI.create(settings.issuer() + "/oauth2/token"))
                .header("Authorization", basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                        "scope", scope)))));
        if (reply.status() != 200) {
            throw new IllegalStateException("token for " + clientId + ": " + reply.status() + " " + reply.body());
        }
        return reply.json().get("access_token").asString();
    }

    /** POST {@code /v1/banks/{bank}/consents/{kind}} through the gateway with a partner-level token. */
    SandboxClient.Reply createConsent(String gatewayUrl, String bank, String kind, String scope, String json) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/banks/" + bank + "/consents/" + kind))
                .header("Authorization", "Bearer " + partnerToken(scope))
                .header("Content-Type", "application/json")
                .header("x-idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The id of a new consent, failing loudly when the gateway or auth-server refuses it. */
    String newConsent(String gatewayUrl, String bank, String kind, String scope, String json) {
        SandboxClient.Reply reply = createConsent(gatewayUrl, bank, kind, scope, json);
        if (reply.status() != 201) {
            throw new AssertionError("consent " + kind + " at " + bank + ": " + reply.status() + " " + reply.body());
        }
        return reply.json().path("consentId").asString();
    }

    /** A partner-level call through the gateway (client_credentials token of {@code scope}, no customer). */
    SandboxClient.Reply partnerCall(String gatewayUrl, String method, String path, String scope,
            @Nullable String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + partnerToken(scope));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .header("x-idempotency-key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    /** GET or DELETE of one consent through the gateway with a partner-level token. */
    SandboxClient.Reply consent(String gatewayUrl, String method, String bank, String consentId, String scope) {
        return consentWithToken(gatewayUrl, method, bank, consentId, partnerToken(scope));
    }

    /** Like {@link #consent} with a partner-level token the caller already has. */
    SandboxClient.Reply consentWithToken(String gatewayUrl, String method, String bank, String consentId,
            String partnerToken) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/banks/" + bank + "/consents/" + consentId))
                .header("Authorization", "Bearer " + partnerToken)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** The pushed authorization request for {@code consentId}; the customer's browser is sent to the result. */
    Authorization pushAuthorizationRequest(String consentId, String scope) {
        String verifier = randomUrlSafe();
        String state = randomUrlSafe();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("scope", scope);
        params.put("state", state);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        params.put("consent_id", consentId);
        params.put("dpop_jkt", dpop.thumbprint());
        SandboxClient.Reply reply = send(HttpRequest.newBuilder(URI.create(settings.issuer() + "/oauth2/par"))
                .header("Authorization", basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
        if (reply.status() != 201) {
            throw new AssertionError("PAR for consent " + consentId + ": " + reply.status() + " " + reply.body());
        }
        String requestUri = reply.json().get("request_uri").asString();
        URI authorize = URI.create(settings.issuer() + "/oauth2/authorize?client_id=" + encode(clientId)
                + "&request_uri=" + encode(requestUri));
        return new Authorization(authorize, state, verifier);
    }

    /** Redeems the code of the redirect to {@link #redirectUri}; the tokens are bound to {@link #dpop}. */
    Tokens exchange(Authorization authorization, URI redirect) {
        Map<String, String> query = query(redirect);
        if (!authorization.state().equals(query.get("state"))) {
            throw new AssertionError("state mismatch in " + redirect);
        }
        String code = query.get("code");
        if (code == null) {
            throw new AssertionError("no code in " + redirect);
        }
        return tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", authorization.verifier()));
    }

    /** A refresh token grant (DPoP-bound like the first); the raw reply, since a refusal is what some tests want. */
    SandboxClient.Reply refresh(String refreshToken) {
        return tokenReply(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private Tokens tokenRequest(Map<String, String> params) {
        SandboxClient.Reply reply = tokenReply(params);
        if (reply.status() != 200) {
            throw new AssertionError("token request: " + reply.status() + " " + reply.body());
        }
        return new Tokens(reply.json().get("access_token").asString(),
                reply.json().path("refresh_token").asString(null));
    }

    private SandboxClient.Reply tokenReply(Map<String, String> params) {
        String tokenUrl = settings.issuer() + "/oauth2/token";
        return send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Authorization", basic())
                .header("DPoP", dpop.proof("POST", tokenUrl).sign())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
    }

    /** A call to the API with a customer token and a fresh DPoP proof for it. */
    SandboxClient.Reply call(String gatewayUrl, String method, String path, String accessToken,
            @Nullable String json) {
        String url = gatewayUrl + path;
        String htu = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "DPoP " + accessToken)
                .header("DPoP", dpop.proof(method, htu).accessToken(accessToken).sign());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .header("x-idempotency-key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    private SandboxClient.Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new SandboxClient.Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(built.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret))
                .getBytes(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String randomUrlSafe() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the customer's browser goes, and what the partner keeps until the customer comes back. */
    record Authorization(URI authorizeUrl, String state, String verifier) {
    }

    /** A customer's tokens for one consent. */
    record Tokens(String accessToken, @Nullable String refreshToken) {
    }
}
