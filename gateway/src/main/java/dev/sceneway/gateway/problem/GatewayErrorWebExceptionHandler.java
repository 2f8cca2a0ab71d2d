package dev.sceneway.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns every exception that reaches the gateway's web handler into problem+json. Ordered before Boot's
 * default handler (order -1), which would render an HTML or {@code application/json} error page instead.
 * Exception messages are logged, never returned: they carry internal host names and ports.
 */
@Component
@Order(-2)
public class GatewayErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorWebExceptionHandler.class);

    private final ProblemResponses problems;

    public GatewayErrorWebExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            // Too late for a problem body: the upstream's status line is already on the wire.
            return Mono.error(ex);
        }
        // The log prefix is the request's x-fapi-interaction-id (InteractionIdWebFilter), which the partner also sees.
        String request = exchange.getLogPrefix() + exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath().value();
        Rejection rejection = classifyAndLog(ex, request);
        return problems.write(exchange, rejection.problem(), rejection.detail(), rejection.headers());
    }

    /**
     * The same answer for a response that is not a {@link ServerWebExchange}'s (the read lane): logged as
     * {@link #handle} logs it, {@code request} being the log prefix, method and path.
     */
    public ProblemResponses.Rendered render(Throwable ex, String request, String path) {
        Rejection rejection = classifyAndLog(ex, request);
        return problems.render(rejection.problem(), rejection.detail(), path, rejection.headers(), Map.of());
    }

    private static Rejection classifyAndLog(Throwable ex, String request) {
        Rejection rejection = classify(ex);
        if (rejection.problem() == GatewayProblem.INTERNAL_ERROR) {
            log.error("{} failed", request, ex);
        } else if (ex instanceof ProblemException) {
            // Whoever raised it has logged it with more context.
            log.debug("{} rejected as {}", request, rejection.problem().slug(), ex);
        } else if (rejection.problem().status().is5xxServerError()) {
            log.warn("{} rejected as {}: {}", request, rejection.problem().slug(), describe(ex));
        } else {
            log.debug("{} rejected as {}: {}", request, rejection.problem().slug(), describe(ex));
        }
        return rejection;
    }

    static Rejection classify(Throwable ex) {
        if (ex instanceof ProblemException problem) {
            return new Rejection(problem.problem(), problem.detail());
        }
        if (ex instanceof ResponseStatusException status) {
            Rejection byStatus = byStatus(status);
            if (byStatus != null) {
                return byStatus;
            }
        }
        if (causedBy(ex, ConnectException.class) || causedBy(ex, UnknownHostException.class)
                || causedBy(ex, PrematureCloseException.class) || causedBy(ex, IOException.class)) {
            // Netty's connect timeout (ConnectTimeoutException) is a ConnectException too; a connection reset by
            // the bank is an IOException (Netty's NativeIoException on epoll).
            return new Rejection(GatewayProblem.UPSTREAM_UNAVAILABLE,
                    "The bank's service behind this API cannot be reached right now. Try again later.");
        }
        return new Rejection(GatewayProblem.INTERNAL_ERROR,
                "The gateway failed to handle this request. The failure has been logged.");
    }

    private static @Nullable Rejection byStatus(ResponseStatusException ex) {
        return switch (ex.getStatusCode().value()) {
            case 400 -> new Rejection(GatewayProblem.BAD_REQUEST, "The request is malformed.");
            case 404 -> new Rejection(GatewayProblem.NOT_FOUND, "There is no API at this path.");
            case 405 -> new Rejection(GatewayProblem.METHOD_NOT_ALLOWED,
                    "This path does not support the method used.", headers -> {
                        // MethodNotAllowedException carries the Allow header (RFC 9110 §15.5.6).
                        headers.putAll(ex.getHeaders());
                    });
            // Request bodies the gateway reads itself (the admin API): a client error, never a 500.
            case 406, 415 -> new Rejection(GatewayProblem.BAD_REQUEST,
                    "The request's Content-Type or Accept header names a media type this endpoint does not support; "
                            + "use application/json.");
            case 503 -> new Rejection(GatewayProblem.UPSTREAM_UNAVAILABLE,
                    "The bank's service behind this API cannot be reached right now. Try again later.");
            // Spring Cloud Gateway's NettyRoutingFilter maps its response timeout to 504.
            case 504 -> new Rejection(GatewayProblem.UPSTREAM_TIMEOUT,
                    "The bank's service behind this API did not answer in time. Try again later.");
            default -> null;
        };
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == ex ? String.valueOf(ex) : ex + " (cause: " + root + ")";
    }

    /** What the partner sees. */
    record Rejection(GatewayProblem problem, String detail, Consumer<HttpHeaders> headers) {

        Rejection(GatewayProblem problem, String detail) {
            this(problem, detail, h -> { });
        }
    }
}
