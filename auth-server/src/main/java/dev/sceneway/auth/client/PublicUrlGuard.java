package dev.sceneway.auth.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses URLs that would make the authorization server (or the platform's webhook sender) reach into its own
 * network: server-side request forgery (OWASP API7:2023). Outside the sandbox a partner URL must be {@code https} and
 * every address its host resolves to must be public: not loopback, unspecified, private (RFC 1918, IPv6 unique
 * local), shared (RFC 6598), link-local (including the 169.254.169.254 cloud metadata address), multicast, or an
 * IPv6 address embedding one of those (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 *
 * <p>CAUTION: the check runs when a URL is registered and again before each JWKS fetch, but DNS can change between
 * the check and the connection (rebinding); the fetch itself then connects to whatever the name resolves to.
 */
public final class PublicUrlGuard {

    /** Resolves a host name to all its addresses; a seam for tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public PublicUrlGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** With the system resolver. */
    public static PublicUrlGuard of(boolean allowPrivate) {
        return new PublicUrlGuard(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
    }

    /** Why {@code url} may not be registered as {@code what}, or empty when it may. */
    public Optional<String> problemWith(String what, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(what + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Optional.of(what + " must be an absolute URL with a host, no user info and no fragment");
        }
        if (allowPrivate) {
            return scheme.equals("https") || scheme.equals("http") ? Optional.empty()
                    : Optional.of(what + " must be an http or https URL");
        }
        if (!scheme.equals("https")) {
            return Optional.of(what + " must be an https URL");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of(what + " has a host name that does not resolve");
        }
        if (addresses.isEmpty()) {
            return Optional.of(what + " has a host name that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of(what + " must point at a public address; " + uri.getHost()
                        + " is or resolves to a loopback, private or link-local address");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code address} is routable on the public internet (see the class comment for what is not). */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(b);
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 // "this network"
                && first != 10 && !(first == 172 && second >= 16 && second <= 31) && !(first == 192 && second == 168)
                && !(first == 100 && second >= 64 && second <= 127) // shared address space, RFC 6598
                && first != 127 && !(first == 169 && second == 254)
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                && first < 224; // multicast and reserved
    }

    private static boolean isPublicIpv6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
            return false;
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) { // deprecated site-local fec0::/10
            return false;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
            // IPv4-mapped ::ffff:a.b.c.d or IPv4-compatible ::a.b.c.d (:: and ::1 were caught above)
            return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (b[0] == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            // NAT64 64:ff9b::/96 reaches the embedded IPv4 address
            return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (b[0] == 0x20 && b[1] == 0x02) { // 6to4 2002:a.b.c.d::/48
            return isPublicIpv4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        return true;
    }
}
