package dev.sceneway.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PublicUrlGuardTest {

    /** A resolver with fixed answers, so the tests neither depend on nor reach real DNS. */
    private static final Map<String, List<String>> DNS = Map.of(
            "partner.example", List.of("93.184.216.34"),
            "partner6.example", List.of("2606:4700:4700::1111"),
            "internal.example", List.of("10.0.0.5"),
            "metadata.example", List.of("169.254.169.254"),
            "loopback6.example", List.of("::1"),
            "mixed.example", List.of("93.184.216.34", "192.168.1.10"));

    private final PublicUrlGuard production = new PublicUrlGuard(false, PublicUrlGuardTest::resolve);
    private final PublicUrlGuard sandbox = new PublicUrlGuard(true, PublicUrlGuardTest::resolve);

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.contains(":") || host.matches("[0-9.]+")) {
            return List.of(InetAddress.getByName(host)); // a literal; no lookup happens
        }
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(a -> {
            try {
                return InetAddress.getByName(a);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://127.0.0.1/jwks", "https://127.8.9.10/jwks", // IPv4 loopback
        "https://0.0.0.0/jwks", // unspecified
        "https://10.1.2.3/jwks", "https://172.16.0.1/jwks", "https://172.31.255.255/jwks",
        "https://192.168.0.1/jwks", // RFC 1918 private
        "https://100.64.0.1/jwks", // RFC 6598 shared (carrier-grade NAT)
        "https://169.254.169.254/latest/meta-data", // IPv4 link-local, cloud metadata
        "https://224.0.0.1/jwks", // multicast
        "https://[::1]/jwks", // IPv6 loopback
        "https://[::]/jwks", // IPv6 unspecified
        "https://[fe80::1]/jwks", // IPv6 link-local
        "https://[fc00::1]/jwks", "https://[fd12:3456::1]/jwks", // IPv6 unique local
        "https://[fec0::1]/jwks", // IPv6 site-local (deprecated)
        "https://[ff02::1]/jwks", // IPv6 multicast
        "https://[::ffff:10.0.0.1]/jwks", "https://[::ffff:127.0.0.1]/jwks", // IPv4-mapped
        "https://[64:ff9b::a00:1]/jwks", // NAT64 of 10.0.0.1
        "https://[2002:a00:1::1]/jwks", // 6to4 of 10.0.0.1
        "https://internal.example/jwks", // a name that resolves to a private address
        "https://metadata.example/jwks", // a name that resolves to link-local
        "https://loopback6.example/jwks", // a name that resolves to IPv6 loopback
        "https://mixed.example/jwks", // one public and one private address
    })
    void problemWithWhenHostIsOrResolvesToANonPublicAddressThenRefusedOutsideTheSandbox(String url) {
        assertThat(production.problemWith("jwks_uri", url)).hasValueSatisfying(problem ->
                assertThat(problem).contains("public address"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://partner.example/jwks", "https://partner6.example/jwks",
        "https://93.184.216.34/cb", "https://[2606:4700:4700::1111]/cb", "https://172.32.0.1/cb",
        "https://100.128.0.1/cb"})
    void problemWithWhenHostIsPublicThenAccepted(String url) {
        assertThat(production.problemWith("redirect_uri", url)).isEmpty();
    }

    @Test
    void problemWithWhenHttpThenRefusedOutsideTheSandbox() {
        assertThat(production.problemWith("webhook_uri", "http://partner.example/hooks"))
                .hasValue("webhook_uri must be an https URL");
    }

    @Test
    void problemWithWhenNameDoesNotResolveThenRefused() {
        assertThat(production.problemWith("jwks_uri", "https://nowhere.example/jwks"))
                .hasValue("jwks_uri has a host name that does not resolve");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://user:pw@partner.example/cb", "https://partner.example/cb#fragment",
        "/relative/cb", "not a url", "ftp://partner.example/x"})
    void problemWithWhenNotAnAbsoluteHttpsUrlWithoutUserInfoOrFragmentThenRefused(String url) {
        assertThat(production.problemWith("redirect_uri", url)).isPresent();
    }

    @Test
    void problemWithWhenSandboxThenLoopbackAndHttpAreAcceptedButOtherSchemesAreNot() {
        assertThat(sandbox.problemWith("redirect_uri", "http://localhost:8070/callback")).isEmpty();
        assertThat(sandbox.problemWith("jwks_uri", "http://127.0.0.1:8070/jwks")).isEmpty();
        assertThat(sandbox.problemWith("jwks_uri", "file:///etc/passwd")).isPresent();
    }
}
