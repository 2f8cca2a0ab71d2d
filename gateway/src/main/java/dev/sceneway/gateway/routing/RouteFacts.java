package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.tenancy.BankRoute;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the gateway's policies (idempotency, resilience, identity headers) need to know about the route an exchange
 * matched, read from the route itself so that they work with any route source: the bank is the route metadata
 * {@value #BANK_METADATA} (or the id after {@value #ROUTE_ID_PREFIX}), and the response timeout is the one
 * {@code NettyRoutingFilter} applies (route metadata {@code response-timeout}, else the gateway-wide
 * {@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}).
 */
@Component
public class RouteFacts {

    public static final String BANK_METADATA = "bank";
    public static final String ROUTE_ID_PREFIX = "bank-";
    /** Used when neither the route nor the gateway sets a response timeout (Netty would then wait forever). */
    static final Duration FALLBACK_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClientProperties httpClient;

    public RouteFacts(HttpClientProperties httpClient) {
        this.httpClient = httpClient;
    }

    public static Optional<Route> route(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
    }

    /** The bank the exchange is routed to, if it is routed to a bank. */
    public static Optional<String> bank(ServerWebExchange exchange) {
        return route(exchange).map(RouteFacts::bank);
    }

    static @Nullable String bank(Route route) {
        Object bank = route.getMetadata().get(BANK_METADATA);
        if (bank != null) {
            return bank.toString();
        }
        String id = route.getId();
        return id.startsWith(ROUTE_ID_PREFIX) ? id.substring(ROUTE_ID_PREFIX.length()) : null;
    }

    /** How long the gateway waits for the upstream's response headers on this exchange's route. */
    public Duration responseTimeout(ServerWebExchange exchange) {
        Object perRoute = route(exchange).map(r -> r.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR))
                .orElse(null);
        if (perRoute instanceof Number millis && millis.longValue() > 0) {
            return Duration.ofMillis(millis.longValue());
        }
        if (perRoute instanceof String millis && millis.matches("[0-9]{1,12}") && Long.parseLong(millis) > 0) {
            return Duration.ofMillis(Long.parseLong(millis));
        }
        return globalResponseTimeout();
    }

    /** The response timeout of {@code bank}'s route: its own, else the gateway-wide one (as for its exchanges). */
    public Duration responseTimeout(BankRoute bank) {
        Duration own = bank.responseTimeout();
        return own != null ? own : globalResponseTimeout();
    }

    /** The gateway-wide upstream connect timeout ({@code ...httpclient.connect-timeout}), in milliseconds. */
    public int connectTimeoutMillis() {
        Integer millis = httpClient.getConnectTimeout();
        return millis != null && millis > 0 ? millis : 1_000;
    }

    private Duration globalResponseTimeout() {
        Duration global = httpClient.getResponseTimeout();
        return global != null && global.isPositive() ? global : FALLBACK_RESPONSE_TIMEOUT;
    }
}
