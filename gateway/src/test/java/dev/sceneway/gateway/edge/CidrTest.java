package dev.sceneway.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void containsWhenAddressIsInsideTheNetworkThenTrueAndOutsideThenFalse() throws UnknownHostException {
        Cidr network = Cidr.parse("10.1.0.0/20");

        assertThat(network.contains(InetAddress.getByName("10.1.0.1"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("10.1.15.255"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("10.1.16.0"))).isFalse();
        assertThat(network.contains(InetAddress.getByName("11.1.0.1"))).isFalse();
    }

    @Test
    void containsWhenPrefixIs32ThenOnlyThatAddressAndWhenZeroThenEveryAddressOfTheFamily()
            throws UnknownHostException {
        assertThat(Cidr.parse("127.0.0.2/32").contains(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(Cidr.parse("127.0.0.2/32").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void containsWhenNetworkIsIpv6ThenMatchesByPrefix() throws UnknownHostException {
        Cidr network = Cidr.parse("fd00:1::/32");

        assertThat(network.contains(InetAddress.getByName("fd00:1:ffff::7"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("fd00:2::7"))).isFalse();
    }

    @Test
    void parseWhenNotCidrNotationOrAHostNameOrPrefixTooLongThenRefusedNamingTheEntry() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1")).hasMessageContaining("'10.0.0.1' is not in CIDR");
        assertThatThrownBy(() -> Cidr.parse("proxy.internal/32")).hasMessageContaining("proxy.internal/32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be <= 32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not in CIDR");
    }
}
