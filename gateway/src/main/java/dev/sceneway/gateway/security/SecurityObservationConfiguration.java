package dev.sceneway.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observation per security filter, authentication and authorization: Spring Security would wrap every
 * filter of the chain in one, on every call through the gateway (bench/gateway.sh found ~13 % of the bare gateway's
 * samples in observations). The gateway's own request meter (observability) and the access log cover each call.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
