package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.TestClientKeys;
import dev.sceneway.auth.TestTotp;
import dev.sceneway.testing.TestDpop;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A confidential partner app and its customer's browser, over plain HTTP: pushes authorization requests (PAR + PKCE),
 * follows the login form like a browser (cookies, CSRF field), and redeems codes with DPoP proofs.
 */
final class CodeFlowClient {

    static final String CLIENT_ID = "code-flow-test";
    static final String OTHER_CLIENT_ID = "code-flow-other";
    static final String REDIRECT_URI = "https://partner.example/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final String clientId;
    private final String issuer;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    final String codeVerifier = randomUrlSafe();
    final TestDpop dpopKey = TestDpop.ec();

    private final Function<String, String> codes;

    CodeFlowClient(int port, String clientId, String issuer) {
        this(port, clientId, issuer, TestTotp::now);
    }

    /** {@code codes} gives a customer's current one-time code (tests forget used codes there, and use their clock). */
    CodeFlowClient(int port, String clientId, String issuer, Function<String, String> codes) {
        this.port = port;
        this.clientId = clientId;
        this.issuer = issuer;
        this.codes = codes;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The PAR parameters of a valid request; tests remove or change one. */
    Map<String, String> pushedParameters() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", clientId);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("scope", "accounts");
        form.put("state", "state-" + randomUrlSafe().substring(0, 8));
        form.put("code_challenge", codeChallenge(codeVerifier));
        form.put("code_challenge_method", "S256");
        form.put("dpop_jkt", dpopKey.thumbprint());
        return form;
    }

    /** The PAR parameters of a valid request naming consent {@code consentId}, with {@code scope}. */
    Map<String, String> pushedParameters(String scope, String consentId) {
        Map<String, String> form = pushedParameters();
        form.put("scope", scope);
        form.put("consent_id", consentId);
        return form;
    }

    HttpResponse<String> push(Map<String, String> form) {
        return push(form, null);
    }

    /** PAR with a DPoP proof header (RFC 9449 section 10.1). */
    HttpResponse<String> push(Map<String, String> form, @Nullable String dpopProof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/oauth2/par"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(authenticated(form))));
        if (dpopProof != null) {
            request.header("DPoP", dpopProof);
        }
        return send(request);
    }

    /** The authorization request a browser is sent to with the request_uri. */
    HttpResponse<String> authorize(String requestUri) {
        return send(HttpRequest.newBuilder(uri("/oauth2/authorize?client_id=" + encode(clientId) + "&request_uri="
                + encode(requestUri))).GET());
    }

    HttpResponse<String> get(URI target) {
        return send(HttpRequest.newBuilder(target).GET());
    }

    /**
     * Answers the login form the authorization endpoint redirected to, then (after a right password) the one-time code
     * form with the customer's current code; returns the last form post's response.
     */
    HttpResponse<String> logIn(HttpResponse<String> redirectToLogin, String username, String password) {
        HttpResponse<String> passwordStep = logInWithPasswordOnly(redirectToLogin, username, password);
        if (passwordStep.statusCode() != 302 || !location(passwordStep).getPath().equals("/login/code")) {
            return passwordStep;
        }
        return sendCode(codes.apply(username));
    }

    /** The first login step only: returns the password post's response (a redirect to the code form if right). */
    HttpResponse<String> logInWithPasswordOnly(HttpResponse<String> redirectToLogin, String username,
            String password) {
        assertThat(redirectToLogin.statusCode()).as("redirect to the login form").isEqualTo(302);
        HttpResponse<String> page = get(location(redirectToLogin));
        assertThat(page.statusCode()).isEqualTo(200);
        return send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(Map.of("username", username,
                        "password", password, "_csrf", csrf(page))))));
    }

    /** Posts {@code code} to the one-time code form (whose CSRF field it reads first). */
    HttpResponse<String> sendCode(String code) {
        HttpResponse<String> page = get(uri("/login/code"));
        assertThat(page.statusCode()).as("the code form").isEqualTo(200);
        return postWithCsrf("/login/code", csrf(page), Map.of("code", code));
    }

    /** Posts {@code code} with a CSRF token read from the login page (when there is no code form to read it from). */
    HttpResponse<String> sendCodeWithoutForm(String code) {
        return postWithCsrf("/login/code", csrf(get(uri("/login"))), Map.of("code", code));
    }

    /** A browser form post with the page's CSRF token (no client authentication). */
    HttpResponse<String> postWithCsrf(String path, String csrf, Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(all))));
    }

    /** A browser form post of repeated fields (e.g. several checked accounts). */
    HttpResponse<String> postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String csrf(HttpResponse<String> page) {
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF field in %s", page.body()).isTrue();
        return csrf.group(1);
    }

    /** PAR, authorization request, login as alice, back to the authorization endpoint: the redirect to the client. */
    URI authorizeAsAlice(Map<String, String> pushed) {
        HttpResponse<String> par = push(pushed);
        assertThat(par.statusCode()).as("PAR: %s", par.body()).isEqualTo(201);
        String requestUri = AuthJson.field(par.body(), "request_uri");
        HttpResponse<String> loggedIn = logIn(authorize(requestUri), "alice", "alice-password");
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> back = get(location(loggedIn));
        assertThat(back.statusCode()).as("authorization response").isEqualTo(302);
        return location(back);
    }

    HttpResponse<String> token(Map<String, String> form, @Nullable String dpopProof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(authenticated(form))));
        if (dpopProof != null) {
            request.header("DPoP", dpopProof);
        }
        return send(request);
    }

    /** A DPoP proof of this client's key for the token endpoint. */
    String tokenProof() {
        return dpopKey.proof("POST", uri("/oauth2/token").toString()).sign();
    }

    HttpResponse<String> redeem(String code, @Nullable String dpopProof) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "code_verifier", codeVerifier), dpopProof);
    }

    /** A form post authenticated as this client (the login form ignores the extra client assertion fields). */
    HttpResponse<String> postForm(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(authenticated(form)))));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    URI location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in " + response.statusCode() + " "
                        + response.body()));
        return uri("/").resolve(location);
    }

    /** {@code form} plus private_key_jwt client authentication (RFC 7523 section 2.2), a fresh assertion each time. */
    private Map<String, String> authenticated(Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("client_id", clientId);
        all.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        all.put("client_assertion", TestClientKeys.assertion(CodeFlowClients.KEYS.get(clientId), clientId, issuer));
        return all;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
