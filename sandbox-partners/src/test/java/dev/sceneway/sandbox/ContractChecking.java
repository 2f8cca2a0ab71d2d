package dev.sceneway.sandbox;

import dev.sceneway.openapi.ContractValidator;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The end-to-end test's only way onto the network: HTTP clients that check every response of the public API
 * ({@code /v1/banks/...}) against the spec that owns the path before the caller sees it, whether the caller is the partner
 * SDK or the raw {@link SandboxClient}. The generated SDK reads the body as a stream that its response interceptor
 * cannot peek at, hence a wrapping client: it buffers the body, validates it, then hands the same bytes to the
 * caller's body handler.
 */
final class ContractChecking {

    private static final String PUBLIC_API = "/v1/banks/";

    private final AtomicInteger checked = new AtomicInteger();

    /** A builder of checking clients, for the SDK (whose generated ApiClient takes a builder) and SandboxClient. */
    HttpClient.Builder httpClientBuilder() {
        return new CheckingBuilder(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)));
    }

    /** How many responses were checked so far: proves the check is on the path it guards. */
    int checkedResponses() {
        return checked.get();
    }

    private void check(HttpRequest request, HttpResponse<byte[]> response) {
        URI uri = request.uri();
        if (!uri.getRawPath().startsWith(PUBLIC_API)) {
            return; // the token endpoint, the JWKS: not this API's contract
        }
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        ContractValidator.forPath(pathAndQuery).assertConforms(request.method(), pathAndQuery, response.statusCode(), response.headers().map(),
                new String(response.body(), StandardCharsets.UTF_8));
        checked.incrementAndGet();
    }

    private <T> HttpResponse<T> checkedAndReplayed(HttpRequest request, HttpResponse<byte[]> raw,
            HttpResponse.BodyHandler<T> handler) {
        check(request, raw);
        return new Replayed<>(raw, replay(raw, handler));
    }

    /** Feeds the buffered bytes to the caller's handler as if they had just arrived (one chunk, then complete). */
    private static <T> T replay(HttpResponse<byte[]> raw, HttpResponse.BodyHandler<T> handler) {
        HttpResponse.BodySubscriber<T> subscriber =
                handler.apply(new Info(raw.statusCode(), raw.headers(), raw.version()));
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        if (raw.body().length > 0) {
            subscriber.onNext(List.of(ByteBuffer.wrap(raw.body())));
        }
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture().join();
    }

    private record Info(int statusCode, HttpHeaders headers, HttpClient.Version version)
            implements HttpResponse.ResponseInfo {
    }

    private record Replayed<T>(HttpResponse<byte[]> raw, T body) implements HttpResponse<T> {
        @Override public int statusCode() { return raw.statusCode(); }
        @Override public HttpRequest request() { return raw.request(); }
        @Override public Optional<HttpResponse<T>> previousResponse() { return Optional.empty(); }
        @Override public HttpHeaders headers() { return raw.headers(); }
        @Override public Optional<SSLSession> sslSession() { return raw.sslSession(); }
        @Override public URI uri() { return raw.uri(); }
        @Override public HttpClient.Version version() { return raw.version(); }
    }

    private final class CheckingClient extends HttpClient {

        private final HttpClient delegate;

        CheckingClient(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            return checkedAndReplayed(request, delegate.send(request, HttpResponse.BodyHandlers.ofByteArray()), handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler) {
            return delegate.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(raw -> checkedAndReplayed(request, raw, handler));
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            throw new UnsupportedOperationException("server push is not part of the Sceneway API");
        }

        @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
        @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
        @Override public Redirect followRedirects() { return delegate.followRedirects(); }
        @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
        @Override public SSLContext sslContext() { return delegate.sslContext(); }
        @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
        @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
        @Override public Version version() { return delegate.version(); }
        @Override public Optional<Executor> executor() { return delegate.executor(); }
        @Override public void close() { delegate.close(); }
    }

    private final class CheckingBuilder implements HttpClient.Builder {

        private final HttpClient.Builder delegate;

        CheckingBuilder(HttpClient.Builder delegate) {
            this.delegate = delegate;
        }

        @Override
        public HttpClient build() {
            return new CheckingClient(delegate.build());
        }

        @Override public HttpClient.Builder cookieHandler(CookieHandler handler) { delegate.cookieHandler(handler); return this; }
        @Override public HttpClient.Builder connectTimeout(Duration duration) { delegate.connectTimeout(duration); return this; }
        @Override public HttpClient.Builder sslContext(SSLContext context) { delegate.sslContext(context); return this; }
        @Override public HttpClient.Builder sslParameters(SSLParameters parameters) { delegate.sslParameters(parameters); return this; }
        @Override public HttpClient.Builder executor(Executor executor) { delegate.executor(executor); return this; }
        @Override public HttpClient.Builder followRedirects(HttpClient.Redirect policy) { delegate.followRedirects(policy); return this; }
        @Override public HttpClient.Builder version(HttpClient.Version version) { delegate.version(version); return this; }
        @Override public HttpClient.Builder priority(int priority) { delegate.priority(priority); return this; }
        @Override public HttpClient.Builder proxy(ProxySelector selector) { delegate.proxy(selector); return this; }
        @Override public HttpClient.Builder authenticator(Authenticator authenticator) { delegate.authenticator(authenticator); return this; }
    }
}
