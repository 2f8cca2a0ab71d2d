package dev.sceneway.gateway.security;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's {@code StrictServerWebExchangeFirewall} refuses request targets such as {@code /openapi/../x},
 * encoded slashes or periods, and control characters in headers, before any routing. Its default handler answers a
 * bare 400; this one answers the {@code bad-request} problem. The firewall's reason is logged, not returned.
 */
@Component
class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExchangeRejectedHandler.class);

    private final ProblemResponses problems;

    ProblemExchangeRejectedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        log.debug("{}Firewall rejected the request: {}", exchange.getLogPrefix(), rejected.getMessage());
        return problems.write(exchange, GatewayProblem.BAD_REQUEST,
                "The request target or a header is malformed (for example a '..' path segment or an encoded "
                        + "slash or period in the path), so it was not processed.");
    }
}
