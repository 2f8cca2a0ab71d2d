package dev.sceneway.gateway.readlane;

import dev.sceneway.gateway.edge.EdgeRules;
import dev.sceneway.gateway.edge.IdentityHeadersFilter;
import dev.sceneway.gateway.interaction.InteractionIdWebFilter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The headers of a lane call to the bank, as the filter chain sends them: the caller's headers less the edge's
 * stripped ones, the hop-by-hop ones and {@code Host} (the bank's own is sent); the interaction id; who is calling
 * ({@link IdentityHeadersFilter}'s headers, from the verified token); and the forwarded headers Spring Cloud Gateway
 * adds, appended to a trusted proxy's: {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For}, {@code -Proto},
 * {@code -Port}, {@code -Host}.
 */
final class UpstreamHeaders {

    private static final HttpHeaders EMPTY = EmptyHttpHeaders.INSTANCE;

    private UpstreamHeaders() {
    }

    static HttpHeaders of(ReadLane.LaneCall call) {
        HttpHeaders incoming = call.server.requestHeaders();
        boolean trusted = call.request.fromTrustedProxy();
        List<String> connectionOptions = incoming.getAll(HttpHeaderNames.CONNECTION);
        HttpHeaders out = new DefaultHttpHeaders();
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = incoming.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            String lower = header.getKey().toString().toLowerCase(Locale.ROOT);
            if (!LaneResponses.HOP_BY_HOP.contains(lower) && !lower.equals("host") && !lower.startsWith("x-forwarded-")
                    && !lower.equals(InteractionIdWebFilter.HEADER) && !EdgeRules.strippedFromRequest(lower, trusted)
                    && !LaneResponses.listed(connectionOptions, lower)) {
                out.add(header.getKey(), ascii(header.getValue()));
            }
        }
        out.set(InteractionIdWebFilter.HEADER, call.id);
        identify(call.admitted.jwt(), call.admitted.partner(), call.request.bank().id(), out);
        forwarded(call, out);
        return out;
    }

    /**
     * The value as Netty's {@link AsciiString}, which the HTTP encoder copies in one go where it writes a
     * {@link String} a byte at a time (a bearer token is most of a request's header bytes). A decoded header value
     * holds one byte per char (ISO-8859-1), so the bytes are the ones received.
     */
    static AsciiString ascii(CharSequence value) {
        return value instanceof AsciiString ascii ? ascii
                : new AsciiString(value.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static void identify(Jwt jwt, String partner, String bank, HttpHeaders out) {
        out.set(IdentityHeadersFilter.PARTNER, partner);
        String consent = jwt.getClaimAsString("consent_id");
        if (consent != null) {
            out.set(IdentityHeadersFilter.CONSENT, consent);
            if (jwt.getSubject() != null) {
                out.set(IdentityHeadersFilter.CUSTOMER, jwt.getSubject());
            }
        }
        out.set(IdentityHeadersFilter.BANK, bank);
    }

    private static void forwarded(ReadLane.LaneCall call, HttpHeaders out) {
        InetSocketAddress remote = call.server.remoteAddress();
        String scheme = call.request.scheme();
        HostAndPort host = HostAndPort.parse(call.request.host(), scheme);
        StringBuilder forwarded = new StringBuilder("proto=").append(scheme).append(";host=")
                .append(quoted(call.request.host()));
        if (remote != null && !remote.isUnresolved()) {
            String address = remote.getAddress().getHostAddress();
            if (remote.getAddress() instanceof Inet6Address) {
                address = "[" + address + "]";
            }
            forwarded.append(";for=").append(quoted(address + ":" + remote.getPort()));
        }
        out.set("Forwarded", forwarded.toString());
        // The edge's rule: a caller's own X-Forwarded-* count only from a trusted proxy.
        HttpHeaders incoming = call.request.fromTrustedProxy() ? call.server.requestHeaders() : EMPTY;
        append(out, "X-Forwarded-For", incoming, remote == null ? null : remote.getHostString());
        append(out, "X-Forwarded-Proto", incoming, scheme);
        append(out, "X-Forwarded-Port", incoming, Integer.toString(host.port()));
        append(out, "X-Forwarded-Host", incoming, host.withoutDefaultPort());
    }

    /** As Spring Cloud Gateway's {@code Forwarded} values: quoted when they hold a colon. */
    private static String quoted(String value) {
        return value.indexOf(':') >= 0 ? "\"" + value + "\"" : value;
    }

    /** As Spring Cloud Gateway appends them: the proxy's values, then this hop's, comma-separated. */
    private static void append(HttpHeaders out, String name, HttpHeaders incoming, @Nullable String value) {
        List<String> existing = incoming.getAll(name);
        String before = existing.isEmpty() ? null : String.join(",", existing);
        String joined = before == null ? value : value == null ? before : before + "," + value;
        if (joined != null) {
            out.set(name, joined);
        }
    }

    /** The request's host and port from its {@code Host} header, the scheme's default port when it names none. */
    record HostAndPort(String host, int port, boolean defaultPort) {

        static HostAndPort parse(String hostHeader, String scheme) {
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            int colon = hostHeader.lastIndexOf(':');
            boolean hasPort = colon > 0 && hostHeader.indexOf(']', colon) < 0;
            if (hasPort) {
                try {
                    int port = Integer.parseInt(hostHeader.substring(colon + 1));
                    return new HostAndPort(hostHeader.substring(0, colon), port, port == defaultPort);
                } catch (NumberFormatException e) {
                    return new HostAndPort(hostHeader, defaultPort, true);
                }
            }
            return new HostAndPort(hostHeader, defaultPort, true);
        }

        String withoutDefaultPort() {
            return defaultPort ? host : host + ":" + port;
        }
    }
}
