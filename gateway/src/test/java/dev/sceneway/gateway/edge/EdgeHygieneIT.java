package dev.sceneway.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/** The public port's edge: internal and forwarded headers, body limit, no server internals, no actuator. */
class EdgeHygieneIT extends GatewayTestContext {

    private static final int ONE_MIB = 1024 * 1024;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final String partner = GatewayTokens.uniquePartner("edge");

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }
    private final String token = GatewayTokens.partner(partner).sign();

    @Test
    void requestWhenCallerSendsInternalHeadersThenTheyAreReplacedByTheGatewaysOwn() {
        String path = stubGet();

        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-sceneway-partner", "someone-else")
                .header("X-Sceneway-Bank", "harbour")
                .header("x-sceneway-admin", "true")
                .exchange()
                .expectStatus().isOk();

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path))
                .withHeader("x-sceneway-partner", equalTo(partner))
                .withHeader("x-sceneway-bank", equalTo("lakeside"))
                .withHeader("x-sceneway-admin", absent()));
    }

    @Test
    void requestWhenForwardedHeadersComeFromAnUntrustedClientThenTheyAreRemoved() {
        String path = stubGet();

        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Forwarded-For", "203.0.113.66")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=203.0.113.66;host=evil.example")
                .header("X-Real-IP", "203.0.113.66")
                .exchange()
                .expectStatus().isOk();

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path))
                .withHeader("X-Forwarded-For", notContaining("203.0.113.66"))
                .withHeader("X-Forwarded-Host", notContaining("evil.example"))
                .withHeader("Forwarded", notContaining("203.0.113.66"))
                .withHeader("X-Real-IP", absent()));
    }

    @Test
    void requestWhenForwardedHeadersComeFromATrustedProxyThenTheyAreKept() {
        String path = stubGet();
        WebTestClient fromProxy = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .bindAddress(() -> new InetSocketAddress(TRUSTED_PROXY, 0))))
                .baseUrl("http://127.0.0.1:" + port).build();

        fromProxy.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Forwarded-For", "203.0.113.66")
                .header("Forwarded", "for=203.0.113.66")
                .exchange()
                .expectStatus().isOk();

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path))
                .withHeader("X-Forwarded-For", containing("203.0.113.66"))
                .withHeader("Forwarded", containing("203.0.113.66")));
    }

    @Test
    void postWhenDeclaredBodyIsOverTheLimitThenPayloadTooLargeBeforeTheBodyIsReadAndNothingForwarded()
            throws IOException {
        String path = "/v1/banks/lakeside/credit/applications-" + UUID.randomUUID().toString().substring(0, 8);
        // Only the head and a few bytes are sent: the gateway answers from the declared length alone.
        String response = exchangeRaw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nx-idempotency-key: " + UUID.randomUUID() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (ONE_MIB + 1) + "\r\n\r\n{\"amount\":");

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json")
                .contains(INTERACTION_ID + ":")
                .contains("\"type\":\"https://sceneway.dev/problems/payload-too-large\"");
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenChunkedBodyGrowsOverTheLimitThenPayloadTooLargeAndNothingForwarded() {
        String path = "/v1/banks/lakeside/credit/applications-" + UUID.randomUUID().toString().substring(0, 8);
        // 17 chunks of 64 KiB, no Content-Length: the limit is only crossed by the last one.
        Flux<DataBuffer> chunks = Flux.range(0, 17)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));

        EntityExchangeResult<byte[]> result = client.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class)
                .exchange().expectBody().returnResult();

        assertThat(result.getRequestHeaders().getContentLength()).isEqualTo(-1);
        assertProblem(result, 413, "payload-too-large", path);
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void postWhenBodyIsExactlyAtTheLimitThenForwarded() {
        String path = "/v1/banks/lakeside/credit/applications-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(okJson("{}")));

        client.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[ONE_MIB])
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void responseWhenBankSendsServerInternalsThenTheyAreRemoved() {
        String path = "/v1/banks/lakeside/credit/internals-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(okJson("{}")
                .withHeader("Server", "Apache-Coyote/1.1")
                .withHeader("X-Powered-By", "Servlet/6.1")
                .withHeader("x-sceneway-debug", "node-7")));

        EntityExchangeResult<byte[]> result = client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange().expectStatus().isOk().expectBody().returnResult();

        assertThat(result.getResponseHeaders().headerNames())
                .noneMatch(name -> name.equalsIgnoreCase("Server") || name.equalsIgnoreCase("X-Powered-By")
                        || name.toLowerCase().startsWith("x-sceneway-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // A header line without a colon.
        "GET /v1/banks/lakeside/credit/products HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
        // A Content-Length that is not a number.
        "POST /v1/banks/lakeside/credit/products HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        // A percent-encoding that is not one.
        "GET /v1/banks/%zz/credit HTTP/1.1\r\nHost: x\r\n\r\n",
        // Path traversal.
        "GET /openapi/../application.yml HTTP/1.1\r\nHost: x\r\n\r\n",
        // An unknown method.
        "BREW /v1/banks/lakeside/credit/products HTTP/1.1\r\nHost: x\r\n\r\n",
        // Not HTTP at all.
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n"})
    void malformedRequestThenAClientErrorWithoutServerInternals(String raw) throws IOException {
        String response = exchangeRaw(raw);

        assertThat(response).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        String lower = response.toLowerCase();
        assertThat(lower).doesNotContain("\nserver:").doesNotContain("x-powered-by").doesNotContain("<html")
                .doesNotContain("exception").doesNotContain("netty").doesNotContain("spring").doesNotContain("at dev.")
                .doesNotContain("whitelabel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/liveness", "/actuator/env",
        "/actuator/prometheus", "/actuator/beans"})
    void actuatorWhenAskedOnThePublicPortThenNotFound(String path) {
        assertProblem(client.get().uri(path).exchange(), 404, "not-found", path);
    }

    @Test
    void healthWhenAskedOnTheManagementPortThenUp() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private String stubGet() {
        String path = "/v1/banks/lakeside/credit/edge-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(okJson("{}")));
        return path;
    }

    /** Sends bytes as they are (no client library would send them) and reads until the server closes or 2 s. */
    private String exchangeRaw(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(2).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                    if (completeResponse(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException ex) {
                // The server kept the connection open or reset it after answering: what arrived is the answer.
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean completeResponse(String received) {
        int end = received.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                .matcher(received.substring(0, end));
        return !length.find() || received.length() - end - 4 >= Integer.parseInt(length.group(1));
    }
}
