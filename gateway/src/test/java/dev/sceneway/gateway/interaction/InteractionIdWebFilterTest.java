package dev.sceneway.gateway.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.problem.ProblemResponses;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class InteractionIdWebFilterTest {

    private static final String HEADER = InteractionIdWebFilter.HEADER;

    private final InteractionIdWebFilter filter =
            new InteractionIdWebFilter(new ProblemResponses(JsonMapper.builder().build()));

    @Test
    void generatedIdsAreVersionFourUuidsInTheFormCallersMustSend() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = InteractionIdWebFilter.randomUuid();

            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
            assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void filterWhenIdIsValidThenDownstreamSeesItInRequestHeaderReactorContextAndLogPrefix() {
        String id = UUID.randomUUID().toString();
        MockServerWebExchange exchange = exchange(id);
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        AtomicReference<String> inContext = new AtomicReference<>();

        filter.filter(exchange, downstream -> Mono.deferContextual(context -> {
            seen.set(downstream);
            inContext.set(context.get(InteractionIdWebFilter.CONTEXT_KEY));
            return downstream.getResponse().setComplete();
        })).block();

        assertThat(seen.get().getRequest().getHeaders().get(HEADER)).containsExactly(id);
        assertThat(inContext.get()).isEqualTo(id);
        assertThat(seen.get().getLogPrefix()).isEqualTo("[" + id + "] ");
        assertThat(exchange.getResponse().getHeaders().get(HEADER)).containsExactly(id);
    }

    @Test
    void filterWhenDownstreamClearsTheResponseHeadersThenTheIdIsStillSent() {
        String id = UUID.randomUUID().toString();
        MockServerWebExchange exchange = exchange(id);

        filter.filter(exchange, downstream -> {
            downstream.getResponse().getHeaders().clear();
            downstream.getResponse().setStatusCode(HttpStatus.BAD_GATEWAY);
            return downstream.getResponse().setComplete();
        }).block();

        assertThat(exchange.getResponse().getHeaders().get(HEADER)).containsExactly(id);
    }

    @Test
    void filterWhenUpstreamAnswersWithAnotherIdThenTheGatewaysIdWins() {
        String id = UUID.randomUUID().toString();
        MockServerWebExchange exchange = exchange(id);

        filter.filter(exchange, downstream -> {
            downstream.getResponse().getHeaders().add(HEADER, UUID.randomUUID().toString());
            return downstream.getResponse().setComplete();
        }).block();

        assertThat(exchange.getResponse().getHeaders().get(HEADER)).containsExactly(id);
    }

    @Test
    void filterWhenIdIsMalformedThenBadRequestAndChainIsNotCalled() {
        MockServerWebExchange exchange = exchange("12345");
        AtomicReference<Boolean> called = new AtomicReference<>(false);

        filter.filter(exchange, downstream -> {
            called.set(true);
            return Mono.empty();
        }).block();

        assertThat(called.get()).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getHeaders().getFirst(HEADER)).isNotEqualTo("12345")
                .satisfies(generated -> UUID.fromString(generated));
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("https://sceneway.dev/problems/bad-request").contains(HEADER);
    }

    private static MockServerWebExchange exchange(String interactionId) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/v1/banks/lakeside/credit/products")
                .header(HEADER, interactionId));
    }
}
