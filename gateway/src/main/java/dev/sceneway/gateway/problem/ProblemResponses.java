package dev.sceneway.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
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
        return write(exchange, problem, detail, extraHeaders, Map.of());
    }

    /**
     * With extension members (RFC 9457 §3.2), e.g. the {@code limit} a 429 hit; they follow the standard members
     * and must not reuse their names.
     */
    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, String detail,
            Consumer<HttpHeaders> extraHeaders, Map<String, Object> extensions) {
        return write(exchange, render(problem, detail, exchange.getRequest().getPath().value(), extraHeaders,
                extensions));
    }

    /** A problem rendered earlier ({@link #render}). */
    public Mono<Void> write(ServerWebExchange exchange, Rendered rendered) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(rendered.problem().status());
        response.getHeaders().putAll(rendered.headers());
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(rendered.body())));
    }

    /**
     * The problem's status, headers and body, for a response that is not a {@link ServerWebExchange}'s (the read
     * lane writes straight to Reactor Netty); {@code instance} is the request path.
     */
    public Rendered render(GatewayProblem problem, String detail, String instance, Consumer<HttpHeaders> extraHeaders,
            Map<String, Object> extensions) {
        ProblemBody standard = ProblemBody.of(problem, detail, instance);
        byte[] body = extensions.isEmpty() ? json.writeValueAsBytes(standard)
                : json.writeValueAsBytes(withExtensions(standard, extensions));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl(CacheControl.noStore());
        headers.setContentLength(body.length);
        extraHeaders.accept(headers);
        return new Rendered(problem, headers, body);
    }

    /** A problem ready to be written: its headers include {@code Content-Type} and {@code Content-Length}. */
    public record Rendered(GatewayProblem problem, HttpHeaders headers, byte[] body) {

        public int status() {
            return problem.status().value();
        }
    }

    private static Map<String, Object> withExtensions(ProblemBody standard, Map<String, Object> extensions) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", standard.type());
        members.put("title", standard.title());
        members.put("status", standard.status());
        members.put("detail", standard.detail());
        members.put("instance", standard.instance());
        extensions.forEach((name, value) -> {
            if (members.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("extension member '" + name + "' clashes with a standard member");
            }
        });
        return members;
    }
}
