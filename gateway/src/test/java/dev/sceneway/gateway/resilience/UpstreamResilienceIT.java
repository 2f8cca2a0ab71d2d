package dev.sceneway.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Resilience4j per bank through the whole gateway, against WireMock answering 500s, resetting connections and
 * answering late. The banks flaky, narrow, lagging and brittle have small policies of their own
 * (GatewayTestContext).
 */
class UpstreamResilienceIT extends GatewayTestContext {

    @LocalServerPort
    int port;

    @Autowired
    BankUpstreams upstreams;

    private final String partner = GatewayTokens.uniquePartner("resilience");
    private final String token = GatewayTokens.partner(partner).sign();

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }

    @Test
    void circuitWhenBankFailsThenOpensRefusesWithoutCallingAndClosesAgainWhenBankRecovers() {
        String base = "/v1/banks/flaky/credit/things-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(base + "/error"))
                .willReturn(aResponse().withStatus(500).withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .withBody("{\"status\":500}")));
        TestUpstreams.lakeside().stubFor(post(urlPathEqualTo(base + "/reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(base + "/slow"))
                .willReturn(okJson("{}").withFixedDelay(1_500)));
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(base + "/ok")).willReturn(okJson("{\"ok\":true}")));

        // Four failures of three kinds fill flaky's window of 4: a 500, a reset (a POST: not retried), a timeout.
        assertThat(read(base + "/error").getStatus().value()).isEqualTo(500);
        assertProblem(client.post().uri(base + "/reset").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString()).bodyValue("{}").exchange(),
                503, "upstream-unavailable", base + "/reset");
        assertProblem(read(base + "/slow"), 504, "upstream-timeout", base + "/slow");
        assertThat(read(base + "/error").getStatus().value()).isEqualTo(500);
        assertThat(upstreams.state("flaky")).isEqualTo(CircuitBreaker.State.OPEN);

        EntityExchangeResult<byte[]> refused = read(base + "/ok");
        String body = assertProblem(refused, 503, "circuit-open", base + "/ok");
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(body).doesNotContain("127.0.0.1").doesNotContain("Exception");
        TestUpstreams.lakeside().verify(0, getRequestedFor(urlPathEqualTo(base + "/ok")));
        TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo(base + "/reset")));

        // After wait-in-open-state (500 ms) two trial calls succeed and close the circuit.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> read(base + "/ok").getStatus().value() == 200);
        assertThat(read(base + "/ok").getStatus().value()).isEqualTo(200);
        assertThat(upstreams.state("flaky")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void readWhenConnectionIsResetThenRetriedAndThenUpstreamUnavailable() {
        String path = "/v1/banks/brittle/credit/things-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        String body = assertProblem(read(path), 503, "upstream-unavailable", path);

        assertThat(body).doesNotContain("reset").doesNotContain("Exception").doesNotContain("127.0.0.1");
        TestUpstreams.lakeside().verify(3, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void readWhenFirstAttemptIsResetThenRetryAnswers() {
        String path = "/v1/banks/brittle/credit/things-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(path)).inScenario(path)
                .whenScenarioStateIs("Started").willSetStateTo("recovered")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(path)).inScenario(path)
                .whenScenarioStateIs("recovered").willReturn(okJson("{\"ok\":true}")));

        EntityExchangeResult<byte[]> result = read(path);

        assertThat(result.getStatus().value()).isEqualTo(200);
        assertThat(new String(result.getResponseBodyContent())).isEqualTo("{\"ok\":true}");
        TestUpstreams.lakeside().verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void writeWhenConnectionIsResetThenNotRetried() {
        String path = "/v1/banks/brittle/credit/things-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertProblem(client.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString()).bodyValue("{}").exchange(),
                503, "upstream-unavailable", path);

        TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void callWhenBankAnswersAfterThePolicyTimeoutThenUpstreamTimeoutFromTheTimeLimiter() {
        // lagging's route allows 5 s; its resilience policy allows 300 ms.
        String path = "/v1/banks/lagging/credit/things-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{}").withFixedDelay(1_500)));
        long started = System.nanoTime();

        String body = assertProblem(read(path), 504, "upstream-timeout", path);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
        // No internals: neither the policy's timeout nor an exception name (the instance path is random hex, so not "300").
        assertThat(body).doesNotContain("PT0.3S").doesNotContain("300ms").doesNotContain("300 ms").doesNotContain("Exception");
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void callsWhenMoreThanTheBulkheadAreInProgressThenTheRestAreRefusedAtOnce() {
        String path = "/v1/banks/narrow/credit/things-" + UUID.randomUUID().toString().substring(0, 8);
        TestUpstreams.lakeside().stubFor(get(urlPathMatching(path)).willReturn(okJson("{}").withFixedDelay(800)));
        WebClient concurrent = WebClient.builder().baseUrl("http://localhost:" + port).build();

        List<String> answers = Flux.range(0, 6)
                .flatMap(i -> concurrent.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(body -> response.statusCode().value() + " " + body)), 6)
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(answers).hasSize(6);
        assertThat(answers).filteredOn(answer -> answer.startsWith("200 ")).hasSize(2);
        assertThat(answers).filteredOn(answer -> answer.startsWith("503 ")).hasSize(4)
                .allMatch(answer -> answer.contains("https://sceneway.dev/problems/bulkhead-full"));
        TestUpstreams.lakeside().verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    private EntityExchangeResult<byte[]> read(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectBody().returnResult();
    }
}
