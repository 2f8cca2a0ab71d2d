package dev.sceneway.gateway.consent;

import dev.sceneway.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Enforces the token's consent on one bank's route with the {@link ConsentGate}: a refused call gets the gate's
 * problem and nothing is forwarded.
 */
final class ConsentEnforcementFilter implements GatewayFilter, Ordered {

    /** After partner approval (+100) and the rate limit (+200): a refused partner never costs a consent lookup. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 300;

    private final String bankId;
    private final ConsentGate gate;
    private final ProblemResponses problems;

    ConsentEnforcementFilter(String bankId, ConsentGate gate, ProblemResponses problems) {
        this.bankId = bankId;
        this.gate = gate;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!ConsentGate.needsConsent(exchange.getRequest().getMethod(), path)) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(JwtAuthenticationToken::getToken)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Consent enforcement needs an authenticated partner; is the route behind authentication?")))
                .flatMap(jwt -> gate.refusal(exchange.getRequest().getMethod(), path, jwt, bankId,
                        exchange.getLogPrefix()))
                .flatMap(refusal -> refusal.isPresent()
                        ? problems.write(exchange, refusal.get())
                        : chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return GatewayToStringStyler.filterToStringCreator(this).append("bank", bankId).toString();
    }
}
