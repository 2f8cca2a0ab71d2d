package dev.sceneway.auth.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observation per security filter, authentication and authorization: wrapping each of the ~20 filters
 * of every token request costs CPU on the hottest path (bench/auth-grants.sh) and tells an operator little that the
 * HTTP server observation (kept) and the OAuth error responses do not. Failed client authentications are still
 * logged by Spring Security at debug level.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
