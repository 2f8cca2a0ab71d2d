package dev.sceneway.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The edge's header rules, by header name, for every path of the public port ({@link EdgeWebFilter} and the read
 * lane): which request headers the caller may not send (the internal {@value #INTERNAL_PREFIX} ones always, the
 * forwarded ones unless it is a trusted proxy, RFC 7239 §8.1) and which response headers never leave the gateway.
 */
@Component
public class EdgeRules {

    public static final String INTERNAL_PREFIX = "x-sceneway-";
    static final Set<String> SERVER_INTERNALS = Set.of("server", "x-powered-by", "x-aspnet-version",
            "x-aspnetmvc-version", "x-application-context", "x-runtime", "x-envoy-upstream-service-time");

    private final List<Cidr> trustedProxies;
    private final long maxBodyBytes;

    EdgeRules(EdgeProperties properties) {
        this.trustedProxies = properties.trustedNetworks();
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    /** The largest request body accepted ({@code sceneway.gateway.edge.max-body-size}). */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Whether the socket's peer is one of the configured trusted proxies. */
    public boolean fromTrustedProxy(@Nullable InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        return address != null && trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** Whether a request header of this name is removed before anything else sees the request. */
    public static boolean strippedFromRequest(String name, boolean fromTrustedProxy) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean forwarded = lower.equals("forwarded") || lower.startsWith("x-forwarded-") || lower.equals("x-real-ip");
        return lower.startsWith(INTERNAL_PREFIX) || forwarded && !fromTrustedProxy;
    }

    /** Whether a response header of this name is removed from every response, the banks' included. */
    public static boolean strippedFromResponse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SERVER_INTERNALS.contains(lower) || lower.startsWith(INTERNAL_PREFIX);
    }
}
