package dev.sceneway.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The public port's edge rules ({@link EdgeWebFilter}).
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413 {@code payload-too-large}
 * @param trustedProxies CIDRs of the proxies (load balancers) in front of the gateway whose {@code Forwarded} and
 *         {@code X-Forwarded-*} headers are believed; from any other client they are removed. Empty: none.
 */
@ConfigurationProperties("sceneway.gateway.edge")
@Validated
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue List<String> trustedProxies) {

    public EdgeProperties {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("maxBodySize must be > 0, but was " + maxBodySize);
        }
        trustedProxies = List.copyOf(trustedProxies);
        // Fails at startup, naming the bad entry, rather than trusting nobody (or everybody) silently.
        trustedProxies.forEach(Cidr::parse);
    }

    List<Cidr> trustedNetworks() {
        return trustedProxies.stream().map(Cidr::parse).toList();
    }
}
