package dev.sceneway.sandbox;

import dev.sceneway.testing.TestTotp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox customer's browser at the bank's authorization server, as plain HTTP: its own cookies, the forms' CSRF
 * fields, redirects followed by hand until they leave for the partner. It logs in once (password, then the one-time
 * code of the published sandbox secret); later authorizations ride on the session, as in a real browser. The pages
 * themselves are proven in a real browser by auth-server's journey tests; this drives the same forms fast.
 */
final class CustomerBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int MAX_REDIRECTS = 12;

    private final String username;
    private final String password;
    private final URI issuer;
    private final HttpClient http;

    CustomerBrowser(String issuer, String username, String password) {
        this.issuer = URI.create(issuer);
        this.username = username;
        this.password = password;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Opens the authorization URL, logs in if asked, approves the consent with {@code accounts} picked (none for a
     * credit consent) and returns where the bank sends the browser back to the partner (the redirect URI with the
     * code).
     */
    URI approve(URI authorizeUrl, List<String> accounts) {
        return decide(authorizeUrl, "approve", accounts);
    }

    /** Like {@link #approve} but denies: the partner gets {@code error=access_denied}. */
    URI deny(URI authorizeUrl) {
        return decide(authorizeUrl, "deny", List.of());
    }

    private URI decide(URI authorizeUrl, String decision, List<String> accounts) {
        HttpResponse<String> response = get(authorizeUrl);
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            if (response.statusCode() != 302 && response.statusCode() != 303) {
                throw new AssertionError("expected a redirect, got " + response.statusCode() + " at "
                        + response.uri() + ": " + response.body());
            }
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!sameOrigin(next)) {
                return next; // back to the partner
            }
            String path = next.getPath();
            if (path.equals("/login")) {
                response = form(next, "/login", Map.of("username", username, "password", password));
            } else if (path.equals("/login/code")) {
                response = form(next, "/login/code", Map.of("code", TestTotp.now(username)));
            } else if (path.equals("/consent")) {
                response = consentForm(next, decision, accounts);
            } else {
                response = get(next);
            }
        }
        throw new AssertionError("more than " + MAX_REDIRECTS + " redirects from " + authorizeUrl);
    }

    /** The customer's consent dashboard: revokes {@code consentId} with the dashboard's own form. */
    HttpResponse<String> revokeOnDashboard(String consentId) {
        URI dashboard = issuer.resolve("/account/consents");
        HttpResponse<String> page = get(dashboard);
        for (int hop = 0; hop < MAX_REDIRECTS && page.statusCode() == 302; hop++) {
            URI next = page.uri().resolve(page.headers().firstValue("Location").orElseThrow());
            page = switch (next.getPath()) {
                case "/login" -> form(next, "/login", Map.of("username", username, "password", password));
                case "/login/code" -> form(next, "/login/code", Map.of("code", TestTotp.now(username)));
                default -> get(next);
            };
        }
        if (page.statusCode() != 200 || !page.body().contains(consentId)) {
            throw new AssertionError("the dashboard does not list " + consentId + ": " + page.statusCode() + " "
                    + page.body());
        }
        return post(issuer.resolve("/account/consents/" + consentId + "/revoke"),
                "_csrf=" + PartnerApp.encode(csrf(page)));
    }

    private HttpResponse<String> form(URI pageUri, String action, Map<String, String> fields) {
        HttpResponse<String> page = get(pageUri);
        StringBuilder body = new StringBuilder(PartnerApp.form(fields));
        body.append("&_csrf=").append(PartnerApp.encode(csrf(page)));
        return post(issuer.resolve(action), body.toString());
    }

    private HttpResponse<String> consentForm(URI pageUri, String decision, List<String> accounts) {
        HttpResponse<String> page = get(pageUri);
        Map<String, String> query = PartnerApp.query(pageUri);
        List<String> fields = new ArrayList<>();
        fields.add("client_id=" + PartnerApp.encode(query.getOrDefault("client_id", "")));
        fields.add("request_uri=" + PartnerApp.encode(query.getOrDefault("request_uri", "")));
        fields.add("decision=" + decision);
        accounts.forEach(account -> fields.add("account=" + PartnerApp.encode(account)));
        fields.add("_csrf=" + PartnerApp.encode(csrf(page)));
        return post(issuer.resolve("/consent"), String.join("&", fields));
    }

    private boolean sameOrigin(URI uri) {
        return issuer.getHost().equals(uri.getHost()) && issuer.getPort() == uri.getPort();
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field at " + page.uri() + " (" + page.statusCode() + "): "
                    + page.body());
        }
        return csrf.group(1);
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> post(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(built.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
