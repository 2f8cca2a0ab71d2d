package dev.sceneway.gateway.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway reports about each call besides metering.
 *
 * @param requestMetrics record {@value RequestMetrics#METRIC} per route, partner and status
 * @param accessLog write one access log line per call (logger {@value AccessLog#LOGGER}, level INFO)
 */
@ConfigurationProperties("sceneway.gateway.observability")
@Validated
public record ObservabilityProperties(
        @DefaultValue("true") boolean requestMetrics,
        @DefaultValue("true") boolean accessLog) {
}
