package dev.sceneway.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

class GatewayErrorWebExceptionHandlerTest {

    private final GatewayErrorWebExceptionHandler handler =
            new GatewayErrorWebExceptionHandler(new ProblemResponses(JsonMapper.builder().build()));

    @Test
    void handleWhenMethodIsNotAllowedThenMethodNotAllowedWithAllowHeader() {
        MockServerWebExchange exchange = handle(HttpMethod.DELETE, "/v1/banks/lakeside/credit/products",
                new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.GET)));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("GET");
        assertThat(body(exchange)).contains("\"type\":\"https://sceneway.dev/problems/method-not-allowed\"")
                .contains("\"instance\":\"/v1/banks/lakeside/credit/products\"");
    }

    @Test
    void handleWhenUnexpectedFailureThenGenericInternalErrorWithoutMessageOrClassName() {
        MockServerWebExchange exchange = handle(HttpMethod.GET, "/v1/banks/lakeside/credit/products",
                new IllegalStateException("pool exhausted at db.internal:5432"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(exchange)).contains("https://sceneway.dev/problems/internal-error")
                .doesNotContain("db.internal").doesNotContain("5432").doesNotContain("IllegalStateException");
    }

    @Test
    void handleWhenConnectTimesOutThenUpstreamUnavailableWithoutAddress() {
        MockServerWebExchange exchange = handle(HttpMethod.GET, "/v1/banks/lakeside/credit/products",
                new ConnectTimeoutException("connection timed out after 1000 ms: /10.0.0.7:8090"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(body(exchange)).contains("upstream-unavailable").doesNotContain("10.0.0.7").doesNotContain("8090");
    }

    @Test
    void handleWhenBankResetsTheConnectionThenUpstreamUnavailableWithoutDetails() {
        MockServerWebExchange exchange = handle(HttpMethod.GET, "/v1/banks/lakeside/credit/products",
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(body(exchange)).contains("upstream-unavailable").doesNotContain("reset").doesNotContain("-104");
    }

    @Test
    void handleWhenProblemExceptionThenItsCatalogueEntryAndDetail() {
        MockServerWebExchange exchange = handle(HttpMethod.POST, "/v1/banks/lakeside/credit/applications",
                new ProblemException(GatewayProblem.PAYLOAD_TOO_LARGE, "The request body must not exceed 10 bytes.",
                        null));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(body(exchange)).contains("https://sceneway.dev/problems/payload-too-large")
                .contains("must not exceed 10 bytes");
    }

    @Test
    void handleWhenConnectionRefusedIsWrappedThenUpstreamUnavailable() {
        MockServerWebExchange exchange = handle(HttpMethod.GET, "/v1/x",
                new RuntimeException("wrapped", new ConnectException("Connection refused: /127.0.0.1:1")));

        assertThat(body(exchange)).contains("upstream-unavailable");
    }

    @Test
    void handleWhenGatewayResponseTimeoutThenUpstreamTimeout() {
        MockServerWebExchange exchange = handle(HttpMethod.GET, "/v1/x",
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout: PT5S"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(body(exchange)).contains("upstream-timeout").doesNotContain("PT5S");
    }

    private MockServerWebExchange handle(HttpMethod method, String path, Throwable ex) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        handler.handle(exchange, ex).block();
        return exchange;
    }

    private static String body(MockServerWebExchange exchange) {
        return exchange.getResponse().getBodyAsString().block();
    }
}
