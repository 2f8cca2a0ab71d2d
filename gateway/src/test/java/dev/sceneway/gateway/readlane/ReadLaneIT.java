package dev.sceneway.gateway.readlane;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The read lane answers plain GETs to the banks exactly as the filter chain does (same status, headers and body for
 * the partner, same headers for the bank), and leaves everything it does not take as-is to the filter chain.
 */
class ReadLaneIT extends GatewayTestContext {

    /** Headers whose values differ per call (or per sender) by nature. */
    private static final List<String> PER_CALL = List.of("x-fapi-interaction-id", "forwarded", "date",
            "matched-stub-id", "webtestclient-request-id", "content-length", "ratelimit", "user-agent", "connection", "accept-encoding", "host");

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private final String partner = GatewayTokens.uniquePartner("read-lane");
    private final String token = GatewayTokens.partner(partner).scopes("products").sign();

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }

    @Test
    void readWhenPlainThenTheLaneAnswersAsTheFilterChainDoes() {
        String lanePath = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String chainPath = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        double served = count("served");
        double passedOn = count("passed-on");

        EntityExchangeResult<String> lane = get(lanePath + "?note=A");
        // A percent-encoded query is the filter chain's to decode: the lane passes this one on.
        EntityExchangeResult<String> chain = get(chainPath + "?note=%41");

        assertThat(count("served")).isEqualTo(served + 1);
        assertThat(count("passed-on")).isEqualTo(passedOn + 1);
        assertThat(lane.getStatus().value()).isEqualTo(200).isEqualTo(chain.getStatus().value());
        assertThat(lane.getResponseBody()).isEqualTo(chain.getResponseBody()).contains("lakeside");
        assertThat(comparable(lane.getResponseHeaders())).isEqualTo(comparable(chain.getResponseHeaders()))
                .containsKeys("ratelimit-policy", "x-content-type-options", "cache-control");
        // Both paths draw from the partner's one bucket (20, refilled at 10 per second): the first call leaves 19.
        assertThat(lane.getResponseHeaders().getFirst("RateLimit")).isEqualTo("\"partner\";r=19;t=0");
        assertThat(chain.getResponseHeaders().getFirst("RateLimit")).matches("\"partner\";r=1[89];t=0");
        assertThat(lane.getResponseHeaders().getFirst(INTERACTION_ID)).isNotBlank();

        Map<String, List<String>> laneUpstream = upstreamHeaders(lanePath);
        assertThat(laneUpstream).isEqualTo(upstreamHeaders(chainPath))
                .containsEntry("x-sceneway-partner", List.of(partner))
                .containsEntry("x-sceneway-bank", List.of("lakeside"))
                .containsKeys("authorization", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto");
        LoggedRequest laneAtBank = TestUpstreams.lakeside().findAll(getRequestedFor(urlPathEqualTo(lanePath))).getFirst();
        LoggedRequest chainAtBank =
                TestUpstreams.lakeside().findAll(getRequestedFor(urlPathEqualTo(chainPath))).getFirst();
        assertThat(laneAtBank.getHeader(INTERACTION_ID)).isEqualTo(lane.getResponseHeaders().getFirst(INTERACTION_ID));
        // The bank's own host and port, not the caller's.
        assertThat(laneAtBank.getHeader(HttpHeaders.HOST)).isEqualTo(chainAtBank.getHeader(HttpHeaders.HOST))
                .endsWith(":" + TestUpstreams.lakeside().port());
    }

    @Test
    void readWhenTokenIsInvalidThenTheFilterChainAnswersAndNothingIsForwarded() {
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String forged = GatewayTokens.partner(partner).scopes("products").sign() + "x";
        double passedOn = count("passed-on");

        assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(forged)).exchange(), 401,
                "token-invalid", path);

        assertThat(count("passed-on")).isEqualTo(passedOn + 1);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void readWhenScopeIsMissingThenTheFilterChainAnswers403() {
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String accountsOnly = GatewayTokens.partner(partner).scopes("accounts").sign();
        double served = count("served");

        assertProblem(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(accountsOnly)).exchange(), 403,
                "insufficient-scope", path);

        assertThat(count("served")).isEqualTo(served);
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void readWhenTheBankStallsInItsBodyThenTheCallerIsCutOffAtTheRouteTimeout() throws Exception {
        // sluggish's route allows 300 ms; this bank sends its headers at once and its body over 3 s.
        String path = "/v1/banks/sluggish/credit/products/" + UUID.randomUUID();
        TestUpstreams.harbour().stubFor(WireMock.get(urlPathEqualTo(path))
                .willReturn(okJson("{\"items\":\"" + "x".repeat(4_000) + "\"}").withChunkedDribbleDelay(20, 3_000)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).GET().build();
        double served = count("served");
        long started = System.nanoTime();

        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
        assertThat(count("served")).isEqualTo(served + 1);
    }

    @Test
    void postAndConsentsCallsWhenSentThenNeverReachTheLane() {
        double served = count("served");
        double passedOn = count("passed-on");

        client.post().uri("/v1/banks/lakeside/payments").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).bodyValue("{}").exchange()
                .expectStatus().isForbidden();
        client.get().uri("/v1/banks/lakeside/consents/" + UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isForbidden();

        assertThat(count("served")).isEqualTo(served);
        assertThat(count("passed-on")).isEqualTo(passedOn);
    }

    private EntityExchangeResult<String> get(String uri) {
        return client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectBody(String.class).returnResult();
    }

    private double count(String outcome) {
        var counter = meters.find(ReadLane.METRIC).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, List<String>> comparable(HttpHeaders headers) {
        Map<String, List<String>> all = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (!PER_CALL.contains(name.toLowerCase())) {
                all.put(name.toLowerCase(), values);
            }
        });
        return all;
    }

    private static Map<String, List<String>> upstreamHeaders(String path) {
        LoggedRequest request = TestUpstreams.lakeside().findAll(getRequestedFor(urlPathEqualTo(path))).getFirst();
        return request.getHeaders().all().stream()
                .filter(header -> !PER_CALL.contains(header.key().toLowerCase()))
                .collect(Collectors.toMap(header -> header.key().toLowerCase(), header -> header.values(),
                        (a, b) -> a, TreeMap::new));
    }

}
