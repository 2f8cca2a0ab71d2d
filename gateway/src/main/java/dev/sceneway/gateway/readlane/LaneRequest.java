package dev.sceneway.gateway.readlane;

import dev.sceneway.gateway.edge.EdgeRules;
import dev.sceneway.gateway.interaction.InteractionIdWebFilter;
import dev.sceneway.gateway.security.AccessTokens;
import dev.sceneway.gateway.tenancy.BankRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request the read lane takes as it is: GET or HEAD on {@code /v1/banks/<bank>/...} (not the consents API) of a
 * bank the gateway routes to, no body, a plain path, exactly one well-formed {@code Authorization} header, at most one
 * {@code DPoP} header, no or one valid interaction id, every header within the firewall's characters, no
 * {@code Forwarded} header and no {@code Expect}. Anything else is left to the filter chain, which answers it exactly
 * as it always has (401, 400, 413, the firewall's rejection, routing's 404).
 */
record LaneRequest(HttpMethod method, String rawPath, @Nullable String rawQuery, PathContainer path, BankRoute bank,
        AccessTokens.Presented token, @Nullable String proof, @Nullable String interactionId, String scheme,
        String host, boolean fromTrustedProxy) {

    static final String PREFIX = "/v1/banks/";
    private static final String CONSENTS = "consents";

    /** The bank a candidate request addresses, or null: the cheap test the route's predicate makes. */
    static @Nullable BankRoute bankOf(HttpServerRequest request, Map<String, BankRoute> banks) {
        io.netty.handler.codec.http.HttpMethod method = request.method();
        if (method != io.netty.handler.codec.http.HttpMethod.GET
                && method != io.netty.handler.codec.http.HttpMethod.HEAD) {
            return null;
        }
        String uri = request.uri();
        if (!uri.startsWith(PREFIX)) {
            return null;
        }
        int end = uri.indexOf('/', PREFIX.length());
        if (end < 0) {
            return null;
        }
        BankRoute bank = banks.get(uri.substring(PREFIX.length(), end));
        if (bank == null || uri.startsWith(CONSENTS, end + 1)
                && (uri.length() == end + 1 + CONSENTS.length() || "/?".indexOf(uri.charAt(end + 1 + CONSENTS.length())) >= 0)) {
            return null;
        }
        return bank;
    }

    /** The request as the lane takes it, or null when the filter chain must answer it. */
    static @Nullable LaneRequest of(HttpServerRequest request, BankRoute bank, EdgeRules edge) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        String rawQuery = query < 0 ? null : uri.substring(query + 1);
        if (!plainPath(rawPath) || rawQuery != null && !plainQuery(rawQuery)) {
            return null;
        }
        HttpHeaders headers = request.requestHeaders();
        String authorization = null;
        String proof = null;
        String interactionId = null;
        int authorizations = 0;
        int proofs = 0;
        int interactionIds = 0;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            String value = header.getValue();
            if (!printable(name, false) || !printable(value, true)) {
                return null;
            }
            if (name.equalsIgnoreCase("authorization")) {
                authorization = value;
                authorizations++;
            } else if (name.equalsIgnoreCase("dpop")) {
                proof = value;
                proofs++;
            } else if (name.equalsIgnoreCase(InteractionIdWebFilter.HEADER)) {
                interactionId = value;
                interactionIds++;
            } else if (name.equalsIgnoreCase("content-length") ? !value.equals("0")
                    : name.equalsIgnoreCase("transfer-encoding") || name.equalsIgnoreCase("expect")) {
                return null;
            }
        }
        if (authorizations != 1 || proofs > 1 || interactionIds > 1
                || interactionId != null && !InteractionIdWebFilter.isValid(interactionId)) {
            return null;
        }
        AccessTokens.Presented token = AccessTokens.parse(authorization);
        String host = headers.get(HttpHeaderNames.HOST);
        if (token == null || host == null) {
            return null;
        }
        InetSocketAddress remote = request.remoteAddress();
        boolean trusted = edge.fromTrustedProxy(remote);
        if (trusted && headers.contains("forwarded")) {
            // Re-serialising a proxy's Forwarded elements is the filter chain's job (Spring Cloud Gateway's rules).
            return null;
        }
        return new LaneRequest(HttpMethod.valueOf(request.method().name()), rawPath, rawQuery,
                PathContainer.parsePath(rawPath), bank, token, proof, interactionId, request.scheme(), host, trusted);
    }

    /** The path as the problem's {@code instance} and the upstream request's path: unchanged. */
    String pathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    /**
     * Unreserved characters and slashes only, no empty, {@code .} or {@code ..} segment: nothing the strict
     * firewall would reject or normalise (encoded characters, {@code ;}, {@code //}, traversal) reaches the lane.
     */
    static boolean plainPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/' || path.charAt(path.length() - 1) == '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                boolean dots = length > 0 && path.charAt(segmentStart) == '.'
                        && (length == 1 || length == 2 && path.charAt(segmentStart + 1) == '.');
                if (length == 0 || dots) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!unreserved(c)) {
                return false;
            }
        }
        return true;
    }

    /** Unreserved characters, {@code = & + , : @ /} only; no percent-encoding (a decoded name could be anything). */
    static boolean plainQuery(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (!unreserved(c) && "=&+,:@/".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Printable ASCII (a tab too in values): anything else is for the firewall to judge. */
    private static boolean printable(String text, boolean tab) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= ' ' && c < 0x7f || tab && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
