package dev.sceneway.gateway.readlane;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The read lane ({@code sceneway.gateway.read-lane.*}).
 *
 * @param enabled answer GET and HEAD calls to the banks' APIs on the read lane; off, the filter chain answers them
 * @param maxConnections most connections the lane keeps open to all banks together
 */
@ConfigurationProperties("sceneway.gateway.read-lane")
@Validated
public record ReadLaneProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500") @Positive int maxConnections) {
}
