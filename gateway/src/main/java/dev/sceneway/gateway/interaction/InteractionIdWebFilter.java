package dev.sceneway.gateway.interaction;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The FAPI interaction id (FAPI 2.0 Security Profile §5.3.2.1, {@code x-fapi-interaction-id}): a caller's UUID is
 * echoed, a missing one is generated, a malformed one is a {@code bad-request} problem (carrying a generated id)
 * and nothing is forwarded. The id goes upstream as a request header, so the bank's logs carry it too.
 * <p>
 * Ordered before Spring Security's filter chain so that every response carries the id: the 401/403 its handlers
 * write, the 404/405 of routing, the 429 of the rate limiter and the 503/504 of the error handler (which runs
 * outside the filter chain, after it failed). The header is set at once and set again just before the response
 * commits, so nothing on the way (an upstream's headers copied over ours, an error path that resets headers) can
 * drop or change it.
 * <p>
 * Logs: the id becomes the exchange's log id, so Spring's own request log lines and every
 * {@link ServerWebExchange#getLogPrefix()} read {@code [<interaction id>]}; reactive code finds it in the Reactor
 * context under {@value #CONTEXT_KEY} (the same key product-apis uses in its MDC).
 */
@Component
public class InteractionIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "x-fapi-interaction-id";
    /** Reactor context key, and the MDC key by convention. */
    public static final String CONTEXT_KEY = "interactionId";
    /**
     * Spring Security's {@code WebFilterChainProxy} runs at -100 ({@code WebFluxSecurityConfiguration
     * .WEB_FILTER_CHAIN_FILTER_ORDER}, not public); it writes the 401/403 itself and then calls no later filter.
     */
    static final int SECURITY_FILTER_CHAIN_ORDER = -100;
    /** Before Spring Security, so that its rejections carry the id and its log lines the prefix. */
    static final int ORDER = SECURITY_FILTER_CHAIN_ORDER - 50;

    private static final Logger log = LoggerFactory.getLogger(InteractionIdWebFilter.class);

    /**
     * The canonical 8-4-4-4-12 hex form ({@code format: uuid} in common.yaml). Stricter than
     * {@link UUID#fromString}, which also accepts forms such as {@code 1-1-1-1-1}.
     */
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ProblemResponses problems;

    public InteractionIdWebFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> received = exchange.getRequest().getHeaders().getOrEmpty(HEADER);
        @Nullable String valid = received.size() == 1 && isValid(received.getFirst()) ? received.getFirst() : null;
        boolean malformed = !received.isEmpty() && valid == null;
        String id = valid != null ? valid : randomUuid().toString();

        exchange.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, id);
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(HEADER, id);
        response.beforeCommit(() -> Mono.fromRunnable(() -> response.getHeaders().set(HEADER, id)));

        if (malformed) {
            log.debug("{}Refused a malformed {} header", exchange.getLogPrefix(), HEADER);
            return problems.write(exchange, GatewayProblem.BAD_REQUEST,
                    "Header '" + HEADER + "' must be a UUID (8-4-4-4-12 hexadecimal digits).");
        }
        ServerWebExchange forwarded = exchange.mutate().request(request -> request.header(HEADER, id)).build();
        return chain.filter(forwarded).contextWrite(context -> context.put(CONTEXT_KEY, id));
    }

    /** Whether a received interaction id is in the canonical UUID form, and so is echoed. */
    public static boolean isValid(String received) {
        return UUID_FORM.matcher(received).matches();
    }

    /**
     * A version 4 UUID from {@link ThreadLocalRandom}: an interaction id must be unique, not secret, and
     * {@link UUID#randomUUID()}'s shared {@code SecureRandom} is a lock every event loop would queue on.
     */
    public static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC0L << 56)) | (0x80L << 56);
        return new UUID(high, low);
    }
}
