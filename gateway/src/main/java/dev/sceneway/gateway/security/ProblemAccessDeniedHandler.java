package dev.sceneway.gateway.security;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 403 {@code insufficient-scope} as problem+json, naming the missing scope in the challenge (RFC 6750 §3.1). */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ProblemResponses problems;

    ProblemAccessDeniedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        Optional<ScopeRules.Rule> rule = ScopeRules.forRequest(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication());
        String challenge = "Bearer error=\"insufficient_scope\""
                + rule.map(r -> ", scope=\"" + r.scope() + "\"").orElse("");
        String detail = rule.map(ProblemAccessDeniedHandler::detail)
                .orElse("The access token does not allow this request.");
        return problems.write(exchange, GatewayProblem.INSUFFICIENT_SCOPE, detail,
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    private static String detail(ScopeRules.Rule rule) {
        return rule.scopes().size() == 1
                ? "This endpoint needs the scope '" + rule.scope() + "', which the access token does not carry."
                : "This endpoint needs one of the scopes '" + String.join("', '", rule.scopes())
                        + "'; the access token carries none of them.";
    }
}
