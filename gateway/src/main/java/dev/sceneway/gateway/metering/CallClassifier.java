package dev.sceneway.gateway.metering;

import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Names a finished call for metering: which bank, product and operation it was, from what the exchange learned
 * on its way (the route, the matched pattern) and the specs. Nothing taken from the request is used verbatim
 * unless it is known to be one of a bounded set (a configured bank, a spec's product), so neither a scanner nor a
 * path holding personal data can reach the usage tables, the metrics or the logs.
 */
final class CallClassifier {

    private static final Set<HttpMethod> STANDARD_METHODS = Set.of(HttpMethod.values());
    static final String NO_ROUTE = "(no route)";
    private static final String ROUTE_ID_PREFIX = KnownBanks.ROUTE_ID_PREFIX;

    private final SpecOperations specs;
    private final KnownBanks banks;

    CallClassifier(SpecOperations specs, KnownBanks banks) {
        this.specs = specs;
        this.banks = banks;
    }

    /** What the call was; called once the response is complete, when the exchange's attributes are final. */
    Classification classify(ServerWebExchange exchange) {
        @Nullable Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return classify(methodOf(exchange.getRequest().getMethod()), exchange.getRequest().getPath()
                .pathWithinApplication(), route == null ? null : route.getId(),
                route == null ? null : KnownBanks.bankOf(route), patternOf(exchange));
    }

    /** A call on a bank's route ({@code bank-<id>}, pattern {@code /v1/banks/<id>/**}) that did not pass routing. */
    Classification classifyBankCall(HttpMethod method, PathContainer path, String bankId) {
        return classify(methodOf(method), path, ROUTE_ID_PREFIX + bankId, bankId, "/v1/banks/" + bankId + "/**");
    }

    private Classification classify(String method, PathContainer path, @Nullable String routeId,
            @Nullable String routeBank, String pattern) {
        Optional<SpecOperations.Match> match = specs.match(method, path);
        String bank = routeBank != null ? routeBank
                : match.map(SpecOperations.Match::bankId).filter(banks::contains).orElse(CallRecord.NONE);
        String product = match.map(m -> m.operation().product())
                .orElseGet(() -> routeBank != null ? productSegment(path, routeBank) : CallRecord.NONE);
        String operation = match.map(m -> m.operation().operationId())
                .orElseGet(() -> method + " " + pattern);
        return new Classification(bank, product, operation, routeId == null ? CallRecord.NONE : routeId, method);
    }

    /** The bank, product, operation, route and method of one call. */
    record Classification(String bank, String product, String operation, String route, String method) {
    }

    private static String methodOf(HttpMethod method) {
        return STANDARD_METHODS.contains(method) ? method.name() : "OTHER";
    }

    /** The segment after {@code /v<n>/banks/<bank>/}, if the specs know it as a product. */
    private String productSegment(PathContainer path, String bank) {
        String[] segments = path.value().split("/");
        // "", "v1", "banks", "<bank>", "<product>", ...
        if (segments.length > 4 && segments[2].equals("banks") && segments[3].equals(bank)
                && specs.isProduct(segments[4])) {
            return segments[4];
        }
        return CallRecord.NONE;
    }

    /** The route's or handler's path pattern (never the raw path), or {@value #NO_ROUTE}. */
    private static String patternOf(ServerWebExchange exchange) {
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_PREDICATE_MATCHED_PATH_ATTR) instanceof String p) {
            return p;
        }
        if (exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof PathPattern p) {
            return p.getPatternString();
        }
        return NO_ROUTE;
    }
}
