package dev.sceneway.auth.webhook;

import dev.sceneway.auth.client.PublicUrlGuard;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP attempt: {@code POST} the body to the partner's URL with the signature headers, within the timeout, not
 * following redirects (a redirect could lead past the {@link PublicUrlGuard}, which is asked again right before the
 * attempt because DNS may have changed since the URL was registered). Any 2xx is delivered; everything else,
 * including a 3xx, is a failed attempt.
 *
 * <p>CAUTION: as for jwks_uri fetches, DNS can still change between the guard's check and the connection
 * (rebinding); the attempt connects to whatever the name resolves to then.
 */
final class WebhookSender {

    static final String SIGNATURE_HEADER = "x-sceneway-signature";
    static final String WEBHOOK_ID_HEADER = "x-sceneway-webhook-id";
    static final String ATTEMPT_HEADER = "x-sceneway-webhook-attempt";

    /** What one attempt came to: the response status, or why there was none. */
    record Result(@Nullable Integer statusCode, @Nullable String error, long durationMillis) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final PublicUrlGuard urls;
    private final Duration timeout;
    private final HttpClient http;

    WebhookSender(PublicUrlGuard urls, Duration timeout) {
        this.urls = urls;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Result send(String url, String webhookId, int attempt, String body, String signature) {
        long start = System.nanoTime();
        Optional<String> refused = urls.problemWith("webhook_uri", url);
        if (refused.isPresent()) {
            return new Result(null, "refused before sending: " + refused.get(), elapsed(start));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Sceneway-Webhooks/1")
                    .header(SIGNATURE_HEADER, signature)
                    .header(WEBHOOK_ID_HEADER, webhookId)
                    .header(ATTEMPT_HEADER, Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException notUsable) {
            return new Result(null, "refused before sending: webhook_uri is not a usable URL", elapsed(start));
        }
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            // Bounds the whole exchange, the response body included (the request timeout stops at the headers).
            int status = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return new Result(status, null, elapsed(start));
        } catch (TimeoutException e) {
            response.cancel(true);
            return new Result(null, "timed out after " + timeout.toMillis() + " ms", elapsed(start));
        } catch (ExecutionException e) {
            return new Result(null, describe(e.getCause()), elapsed(start));
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted (the server is stopping)", elapsed(start));
        }
    }

    /** A short, stable description for the log; never a stack trace. */
    private static String describe(@Nullable Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof ConnectException) {
            return "connection failed";
        }
        String name = cause == null ? "unknown error" : cause.getClass().getSimpleName();
        String message = cause == null ? null : cause.getMessage();
        return message == null ? name : name + ": " + message;
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
