package dev.sceneway.gateway.edge;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.problem.ProblemResponses;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The first thing every request meets after its interaction id, before authentication and routing:
 * <ul>
 * <li>every header with the internal prefix {@value #INTERNAL_PREFIX} is removed: only the gateway sets them
 * ({@link IdentityHeadersFilter}), so a bank can trust them;</li>
 * <li>{@code Forwarded}, {@code X-Forwarded-*} and {@code X-Real-IP} are removed unless the client is one of the
 * configured trusted proxies (RFC 7239 §8.1: a forwarded header is only as good as whoever set it);</li>
 * <li>a body larger than {@code max-body-size} is refused with 413 {@code payload-too-large}: at once when the
 * declared {@code Content-Length} is over, and as soon as a chunked body grows over it;</li>
 * <li>{@code Server}, {@code X-Powered-By} and internal headers are removed from every response, the banks'
 * included.</li>
 * </ul>
 */
@Component
class EdgeWebFilter implements WebFilter, Ordered {

    public static final String INTERNAL_PREFIX = EdgeRules.INTERNAL_PREFIX;
    /** After InteractionIdWebFilter (-150), so that a 413 carries the id; before Spring Security (-100). */
    static final int ORDER = -140;

    private static final Logger log = LoggerFactory.getLogger(EdgeWebFilter.class);

    private final EdgeRules rules;
    private final ProblemResponses problems;

    EdgeWebFilter(EdgeRules rules, ProblemResponses problems) {
        this.rules = rules;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> Mono.fromRunnable(() -> removeInternals(response.getHeaders())));

        long maxBytes = rules.maxBodyBytes();
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return tooLarge(exchange, maxBytes);
        }
        boolean trusted = rules.fromTrustedProxy(request.getRemoteAddress());
        ServerHttpRequest cleaned = request.mutate().headers(headers -> clean(headers, trusted)).build();
        return chain.filter(exchange.mutate().request(new LimitedBodyRequest(cleaned, maxBytes)).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long maxBytes) {
        log.debug("{}Refused a declared body of {} bytes", exchange.getLogPrefix(),
                exchange.getRequest().getHeaders().getContentLength());
        return problems.write(exchange, GatewayProblem.PAYLOAD_TOO_LARGE, detail(maxBytes),
                // The rest of the body is not read: the connection cannot carry another request.
                headers -> headers.set(HttpHeaders.CONNECTION, "close"));
    }

    private static String detail(long maxBytes) {
        return "The request body must not exceed " + maxBytes + " bytes.";
    }

    private static void clean(HttpHeaders headers, boolean fromTrustedProxy) {
        for (String name : List.copyOf(headers.headerNames())) {
            if (EdgeRules.strippedFromRequest(name, fromTrustedProxy)) {
                headers.remove(name);
            }
        }
    }

    private static void removeInternals(HttpHeaders headers) {
        for (String name : List.copyOf(headers.headerNames())) {
            if (EdgeRules.strippedFromResponse(name)) {
                headers.remove(name);
            }
        }
    }

    /** Counts a (chunked) body as it streams and fails it once it grows over the limit. */
    private static final class LimitedBodyRequest extends ServerHttpRequestDecorator {

        private final long maxBytes;

        LimitedBodyRequest(ServerHttpRequest delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong seen = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw new ProblemException(GatewayProblem.PAYLOAD_TOO_LARGE, detail(maxBytes), null);
                    }
                    return buffer;
                });
            });
        }
    }
}
