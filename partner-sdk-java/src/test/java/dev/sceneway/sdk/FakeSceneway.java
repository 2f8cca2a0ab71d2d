package dev.sceneway.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint and one API path on a JDK HttpServer (loopback, free port), recording what the SDK sends.
 * Tokens are {@code token-1}, {@code token-2}, ... so a test can tell a cached token from a new one.
 */
final class FakeSceneway implements AutoCloseable {

    static final String PRODUCTS_PATH = "/v1/banks/lakeside/credit/products";

    /** One request as the server saw it. */
    record Seen(String method, String path, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    final List<Seen> tokenRequests = new CopyOnWriteArrayList<>();
    final List<Seen> apiRequests = new CopyOnWriteArrayList<>();
    volatile int tokenStatus = 200;
    volatile long expiresIn = 300;
    /** Token requests wait here until released, so concurrent callers pile up on one refresh. */
    volatile CountDownLatch tokenGate = new CountDownLatch(0);

    FakeSceneway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/oauth2/token", this::token);
        server.createContext(PRODUCTS_PATH, this::products);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI tokenUrl() {
        return baseUrl().resolve("/oauth2/token");
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.add(seen(exchange));
        try {
            tokenGate.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tokenStatus != 200) {
            respond(exchange, tokenStatus, "{\"error\":\"invalid_client\"}");
            return;
        }
        respond(exchange, 200, """
                {"access_token":"token-%d","token_type":"Bearer","expires_in":%d,"scope":"products"}"""
                .formatted(tokensIssued.incrementAndGet(), expiresIn));
    }

    private void products(HttpExchange exchange) throws IOException {
        apiRequests.add(seen(exchange));
        respond(exchange, 200, """
                {"data":[{"productId":"lakeside-renovation","bankId":"lakeside","name":"Home renovation loan",
                "currency":"EUR","minAmount":"5000.00","maxAmount":"80000.00","minTermMonths":12,"maxTermMonths":120,
                "nominalAnnualRatePercent":"5.49","arrangementFee":"150.00","repaymentMethods":["ANNUITY"]}],
                "links":{"self":"/v1/banks/lakeside/credit/products?limit=1",
                "next":"/v1/banks/lakeside/credit/products?cursor=bGFrZXNpZGUtenoz&limit=1"}}""");
    }

    private static Seen seen(HttpExchange exchange) throws IOException {
        return new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
