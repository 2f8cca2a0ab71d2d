package dev.sceneway.gateway.edge;

import dev.sceneway.gateway.routing.RouteFacts;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the bank who is calling, from what the gateway verified: {@value #PARTNER} is the access token's
 * {@code client_id} and {@value #BANK} the bank the route addresses; for a token bound to a consent, {@value #CONSENT}
 * is its {@code consent_id} and {@value #CUSTOMER} its {@code sub} (the customer who granted it). The edge ({@link EdgeWebFilter}) removed any
 * {@code x-sceneway-*} header the caller sent, so these are the gateway's alone.
 */
@Component
public class IdentityHeadersFilter implements GlobalFilter, Ordered {

    public static final String PARTNER = EdgeWebFilter.INTERNAL_PREFIX + "partner";
    public static final String BANK = EdgeWebFilter.INTERNAL_PREFIX + "bank";
    public static final String CONSENT = EdgeWebFilter.INTERNAL_PREFIX + "consent";
    public static final String CUSTOMER = EdgeWebFilter.INTERNAL_PREFIX + "customer";
    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    IdentityHeadersFilter() {
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<String> bank = RouteFacts.bank(exchange);
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(token -> Optional.of(token.getToken()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(jwt -> chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
                    jwt.ifPresent(token -> identify(token, headers));
                    bank.ifPresent(b -> headers.set(BANK, b));
                })).build()));
    }

    private static void identify(Jwt token, HttpHeaders headers) {
        String partner = token.getClaimAsString("client_id");
        if (partner != null) {
            headers.set(PARTNER, partner);
        }
        String consent = token.getClaimAsString("consent_id");
        if (consent != null) {
            headers.set(CONSENT, consent);
            if (token.getSubject() != null) {
                headers.set(CUSTOMER, token.getSubject());
            }
        }
    }
}
