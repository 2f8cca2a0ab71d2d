package dev.sceneway.sdk;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Obtains client_credentials access tokens (RFC 6749 §4.4) and reuses each one until shortly before it expires.
 * Thread-safe: concurrent callers share one cached token, and when it is due only one of them asks for a new one.
 */
public final class AccessTokenCache {

    /** How long before {@code expires_in} runs out a token is replaced, so it does not expire in flight. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);

    /** Assumed lifetime when the server omits {@code expires_in} (RFC 6749 only recommends it): refresh soon. */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClientCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration refreshMargin;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile @Nullable Token current;

    private record Token(String value, Instant refreshAt) {
    }

    public AccessTokenCache(ClientCredentials credentials, HttpClient http) {
        this(credentials, http, Clock.systemUTC(), DEFAULT_REFRESH_MARGIN);
    }

    public AccessTokenCache(ClientCredentials credentials, HttpClient http, Clock clock, Duration refreshMargin) {
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("refreshMargin must be >= 0, but was " + refreshMargin);
        }
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
    }

    /** A valid access token: the cached one, or a new one when none is cached or the cached one is due. */
    public String accessToken() {
        Token token = current;
        if (token != null && isFresh(token)) {
            return token.value();
        }
        refreshing.lock();
        try {
            token = current;
            if (token == null || !isFresh(token)) {
                token = request();
                current = token;
            }
            return token.value();
        } finally {
            refreshing.unlock();
        }
    }

    /** Forgets the cached token, e.g. after the API answered 401 token-invalid (the next call gets a new one). */
    public void invalidate() {
        current = null;
    }

    private boolean isFresh(Token token) {
        return clock.instant().isBefore(token.refreshAt());
    }

    private Token request() {
        Instant requestedAt = clock.instant(); // the lifetime counts from before the request: errs on the safe side
        HttpResponse<String> response = send(HttpRequest.newBuilder(credentials.tokenUrl())
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", basicAuthorization())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=" + formEncode(credentials.scope())))
                .build());
        JsonNode body = parse(response);
        if (response.statusCode() != 200) {
            String error = body.path("error").isString() ? body.path("error").asString() : null;
            throw new TokenRequestException("token request for client '" + credentials.clientId() + "' failed: HTTP "
                    + response.statusCode() + (error == null ? "" : " " + error), response.statusCode(), error);
        }
        String accessToken = body.path("access_token").asString("");
        String tokenType = body.path("token_type").asString("");
        if (accessToken.isBlank() || !"Bearer".equalsIgnoreCase(tokenType)) {
            throw new TokenRequestException("token response for client '" + credentials.clientId()
                    + "' has no Bearer access_token", response.statusCode(), null);
        }
        Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong())
                : UNKNOWN_LIFETIME;
        // Short-lived tokens would otherwise be refreshed on every call: never spend more than half the lifetime.
        Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) < 0 ? refreshMargin : lifetime.dividedBy(2);
        return new Token(accessToken, requestedAt.plus(lifetime).minus(margin));
    }

    /** client_secret_basic (RFC 6749 §2.3.1): id and secret are form-encoded before they are joined and base64'd. */
    private String basicAuthorization() {
        String pair = formEncode(credentials.clientId()) + ":" + formEncode(credentials.secret());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRequestException("token endpoint " + credentials.tokenUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("interrupted while requesting a token", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
