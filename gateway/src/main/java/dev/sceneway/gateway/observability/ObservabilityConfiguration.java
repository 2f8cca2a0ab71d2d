package dev.sceneway.gateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request metrics and the access log, each switchable (both on by default). */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "sceneway.gateway.observability.request-metrics", matchIfMissing = true)
    RequestMetrics requestMetrics(MeterRegistry meters) {
        return new RequestMetrics(meters);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "sceneway.gateway.observability.access-log", matchIfMissing = true)
    AccessLog accessLog() {
        return new AccessLog();
    }
}
