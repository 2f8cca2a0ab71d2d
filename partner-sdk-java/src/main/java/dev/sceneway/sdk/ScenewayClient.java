package dev.sceneway.sdk;

import dev.sceneway.sdk.generated.ApiClient;
import dev.sceneway.sdk.generated.api.CreditProductsApi;
import dev.sceneway.sdk.generated.api.CreditQuotesApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Entry point of the partner SDK: the generated API clients, each call carrying a cached client_credentials access
 * token as {@code Authorization: Bearer} (RFC 6750 §2.1).
 *
 * <pre>{@code
 * ScenewayClient sceneway = ScenewayClient.sandbox("http://localhost:8080", "http://localhost:9000/oauth2/token",
 *         "renovation-demo", "renovation-demo-secret", "products");
 * CreditProductPage page = sceneway.creditProducts().listCreditProducts("lakeside", null, null, 25);
 * }</pre>
 */
public final class ScenewayClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final CreditProductsApi creditProducts;
    private final CreditQuotesApi creditQuotes;

    private ScenewayClient(ApiClient apiClient) {
        // Each generated API object builds its own HttpClient (connection pool): create them once, share them.
        this.creditProducts = new CreditProductsApi(apiClient);
        this.creditQuotes = new CreditQuotesApi(apiClient);
    }

    /**
     * A client of the sandbox at {@code baseUrl} (the gateway), authenticating with client_secret_basic at
     * {@code tokenUrl}.
     */
    public static ScenewayClient sandbox(String baseUrl, String tokenUrl, String clientId, String secret,
            String scope) {
        return sandbox(URI.create(baseUrl), new ClientCredentials(URI.create(tokenUrl), clientId, secret, scope),
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT));
    }

    /** As {@link #sandbox(String, String, String, String, String)}, on an HTTP client configured by the caller. */
    public static ScenewayClient sandbox(URI baseUrl, ClientCredentials credentials, HttpClient.Builder http) {
        if (!baseUrl.isAbsolute()) {
            throw new IllegalArgumentException("baseUrl must be an absolute URL, but was " + baseUrl);
        }
        AccessTokenCache tokens = new AccessTokenCache(credentials, http.build());
        ApiClient apiClient = new ApiClient(http, ApiClient.createDefaultObjectMapper(),
                baseUrl.toString().replaceAll("/+$", ""));
        apiClient.setReadTimeout(READ_TIMEOUT);
        apiClient.setRequestInterceptor(request -> request.setHeader("Authorization", "Bearer " + tokens.accessToken()));
        return new ScenewayClient(apiClient);
    }

    /** The Consumer Credit API's product catalogue ({@code /v1/banks/{bankId}/credit/products}); thread-safe. */
    public CreditProductsApi creditProducts() {
        return creditProducts;
    }

    /** The Consumer Credit API's instalment-loan quotes ({@code /v1/banks/{bankId}/credit/quotes}); thread-safe. */
    public CreditQuotesApi creditQuotes() {
        return creditQuotes;
    }
}
