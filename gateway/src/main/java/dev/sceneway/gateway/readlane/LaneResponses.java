package dev.sceneway.gateway.readlane;

import dev.sceneway.gateway.edge.EdgeRules;
import dev.sceneway.gateway.interaction.InteractionIdWebFilter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;

/**
 * The headers of the read lane's responses, the same as the filter chain's: the bank's own headers without the
 * hop-by-hop ones (RFC 9110 §7.6.1) and without the server internals the edge removes; the interaction id; and
 * Spring Security's default headers, each group only where the response does not set it already, as Spring
 * Security's header writers do.
 */
final class LaneResponses {

    /** What Spring Cloud Gateway's RemoveHopByHopHeadersFilter drops, both ways (lower case). */
    static final Set<String> HOP_BY_HOP = Set.copyOf(RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST);

    // AsciiString: the HTTP encoder copies these in one go, where it writes a String a byte at a time.
    private static final List<Map.Entry<AsciiString, AsciiString>> CACHE_HEADERS = List.of(
            header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"),
            header("Pragma", "no-cache"), header("Expires", "0"));
    private static final List<Map.Entry<AsciiString, AsciiString>> SINGLE_HEADERS = List.of(
            header("X-Content-Type-Options", "nosniff"), header("X-Frame-Options", "DENY"),
            header("X-XSS-Protection", "0"), header("Referrer-Policy", "no-referrer"));

    private LaneResponses() {
    }

    /** The bank's headers that go on to the partner. */
    static void copyFromBank(HttpHeaders bank, HttpHeaders response) {
        List<String> connectionOptions = bank.getAll(HttpHeaderNames.CONNECTION);
        for (Map.Entry<String, String> header : bank) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !EdgeRules.strippedFromResponse(lower)
                    && !listed(connectionOptions, lower)) {
                response.add(header.getKey(), header.getValue());
            }
        }
    }

    /** Last, just before the response is sent: the interaction id and the security headers. */
    static void finish(HttpHeaders response, int status, String interactionId) {
        response.set(InteractionIdWebFilter.HEADER, interactionId);
        if (status != 304 && noneSet(response, CACHE_HEADERS)) {
            for (Map.Entry<AsciiString, AsciiString> header : CACHE_HEADERS) {
                response.set(header.getKey(), header.getValue());
            }
        }
        for (Map.Entry<AsciiString, AsciiString> header : SINGLE_HEADERS) {
            if (!response.contains(header.getKey())) {
                response.set(header.getKey(), header.getValue());
            }
        }
    }

    private static boolean noneSet(HttpHeaders response, List<Map.Entry<AsciiString, AsciiString>> group) {
        for (Map.Entry<AsciiString, AsciiString> header : group) {
            if (response.contains(header.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static Map.Entry<AsciiString, AsciiString> header(String name, String value) {
        return Map.entry(AsciiString.cached(name), AsciiString.cached(value));
    }

    /** Whether a header is named in a {@code Connection} header (RFC 9110 §7.6.1), so hop-by-hop too. */
    static boolean listed(List<String> connectionOptions, String lowerName) {
        for (String options : connectionOptions) {
            for (String option : options.split(",")) {
                if (option.strip().equalsIgnoreCase(lowerName)) {
                    return true;
                }
            }
        }
        return false;
    }
}
