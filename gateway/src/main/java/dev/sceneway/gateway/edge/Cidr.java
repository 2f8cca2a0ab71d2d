package dev.sceneway.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.7/32}). */
record Cidr(byte[] network, int prefixLength) {

    /** Digits, dots, hex and colons only: {@link InetAddress#getByName} must never resolve a host name here. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not in CIDR notation (address/prefix-length)");
        }
        String address = cidr.substring(0, slash);
        String prefix = cidr.substring(slash + 1);
        if (!LITERAL.matcher(address).matches() || !prefix.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("'" + cidr + "' is not in CIDR notation (address/prefix-length)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException("'" + cidr + "' does not start with an IP address", ex);
        }
        int length = Integer.parseInt(prefix);
        if (length > bytes.length * 8) {
            throw new IllegalArgumentException("'" + cidr + "': the prefix length must be <= " + bytes.length * 8);
        }
        return new Cidr(bytes, length);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }
}
