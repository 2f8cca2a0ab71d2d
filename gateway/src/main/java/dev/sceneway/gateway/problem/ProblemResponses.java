package dev.sceneway.gateway.problem;

import java.util.function.Consumer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a gateway rejection as {@code application/problem+json} (RFC 9457 §3). The {@code instance} is the
 * request path; the {@code detail} must be written for the partner: never an exception message.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, String detail) {
        return write(exchange, problem, detail, headers -> { });
    }

    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, String detail,
            Consumer<HttpHeaders> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        byte[] body = json.writeValueAsBytes(
                ProblemBody.of(problem, detail, exchange.getRequest().getPath().value()));
        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl(CacheControl.noStore());
        headers.setContentLength(body.length);
        extraHeaders.accept(headers);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
