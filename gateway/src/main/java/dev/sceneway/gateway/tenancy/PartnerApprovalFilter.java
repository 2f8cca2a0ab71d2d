package dev.sceneway.gateway.tenancy;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Admits a partner (the access token's {@code client_id}) to a bank only with an active plan there, read from
 * the in-memory {@link TenancySnapshot}; otherwise 403 {@code partner-not-approved}, nothing forwarded. Puts the
 * {@link PartnerPlan} into the exchange for the rate limiter. Must sit behind authentication.
 */
public final class PartnerApprovalFilter implements GatewayFilter, Ordered {

    private final String bankId;
    private final TenancyRefresher tenancy;
    private final boolean enforce;
    private final ProblemResponses problems;

    public PartnerApprovalFilter(String bankId, TenancyRefresher tenancy, TenancyProperties properties,
            ProblemResponses problems) {
        this.bankId = BankRoute.requireBankId(bankId);
        this.tenancy = tenancy;
        this.enforce = properties.enforceApproval();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .mapNotNull(token -> token.getToken().getClaimAsString("client_id"))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "PartnerApproval needs an authenticated partner; is the route behind authentication?")))
                .flatMap(partner -> admit(exchange, chain, partner));
    }

    private Mono<Void> admit(ServerWebExchange exchange, GatewayFilterChain chain, String partner) {
        TenancySnapshot snapshot = tenancy.snapshot();
        BankRoute bank = snapshot.banks().get(bankId);
        Plan plan = snapshot.plan(partner, bankId);
        if (bank != null && plan != null) {
            exchange.getAttributes().put(PartnerPlan.ATTRIBUTE, new PartnerPlan(partner, bank, plan));
            return chain.filter(exchange);
        }
        if (!enforce) {
            return chain.filter(exchange);
        }
        // RFC 6750 §3.1: the token is valid but does not grant access to this bank's resources.
        return problems.write(exchange, GatewayProblem.PARTNER_NOT_APPROVED, "Partner '" + partner
                + "' is not approved for bank '" + bankId + "': it has no active plan there. Ask the bank to approve "
                + "your application.", headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\", error_description=\"partner not approved for this bank\""));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public String toString() {
        return GatewayToStringStyler.filterToStringCreator(this).append("bank", bankId).toString();
    }
}
