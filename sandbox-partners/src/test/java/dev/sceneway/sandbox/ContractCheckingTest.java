package dev.sceneway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContractCheckingTest {

    private static final String NOT_FOUND = """
            {"type":"https://sceneway.dev/problems/not-found","title":"Not found","status":404,
            "detail":"No credit product with id 'nope'.","instance":"/v1/banks/lakeside/credit/products/nope"}""";
    private static final String MONEY_AS_NUMBER = """
            {"data":[{"productId":"p","bankId":"lakeside","name":"n","currency":"EUR","minAmount":1000,
            "maxAmount":"2000.00","minTermMonths":3,"maxTermMonths":6,"nominalAnnualRatePercent":"6.90",
            "arrangementFee":"0.00","repaymentMethods":["ANNUITY"]}],"links":{"self":"/v1/banks/lakeside/credit/products"}}""";

    private final ContractChecking contract = new ContractChecking();
    private final HttpClient http = contract.httpClientBuilder().build();
    private final HttpServer server = startServer();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void conformingResponseReachesTheCallerUnchangedWhateverItsBodyHandler() throws Exception {
        HttpResponse<String> asString = http.send(get("/v1/banks/lakeside/credit/products/nope"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<InputStream> asStream = http.send(get("/v1/banks/lakeside/credit/products/nope"),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(asString.statusCode()).isEqualTo(404);
        assertThat(asString.body()).isEqualTo(NOT_FOUND);
        try (InputStream body = asStream.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(NOT_FOUND);
        }
        assertThat(contract.checkedResponses()).isEqualTo(2);
    }

    @Test
    void responseThatBreaksTheContractFailsTheCallNamingTheViolation() {
        assertThatThrownBy(() -> http.send(get("/v1/banks/lakeside/credit/products"),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("minAmount")
                .hasMessageContaining("x-fapi-interaction-id");
    }

    @Test
    void pathsOutsideThePublicApiAreNotChecked() throws Exception {
        assertThat(http.send(get("/oauth2/token"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(contract.checkedResponses()).isZero();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build();
    }

    private static HttpServer startServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/banks/lakeside/credit/products/nope", exchange -> {
                exchange.getResponseHeaders().set("x-fapi-interaction-id", "0f8fad5b-d9cb-469f-a165-70867728950e");
                respond(exchange, 404, "application/problem+json", NOT_FOUND);
            });
            server.createContext("/v1/banks/lakeside/credit/products", exchange ->
                    respond(exchange, 200, "application/json", MONEY_AS_NUMBER));
            server.createContext("/oauth2/token", exchange -> respond(exchange, 200, "application/json", "{}"));
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String contentType,
            String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
