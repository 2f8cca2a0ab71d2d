package dev.sceneway.products.security;

import dev.sceneway.products.problem.ProblemWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Two filter chains: actuator health (served on the management port only) is open for the launcher's
 * readiness probe; every API request needs a verified bearer token, and the scope {@link ScopePolicy} names.
 * Stateless: no session, no CSRF token (no cookies are ever read).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorChain(HttpSecurity http) {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, ProblemWriter problems) {
        ScopePolicy scopes = ScopePolicy.API;
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems, scopes);
        return http
                .authorizeHttpRequests(requests -> {
                    // The container's error page renders rejections that happened before MVC; it holds no data.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    scopes.apply(requests);
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(scopeAuthorities()))
                        // DPoP-bound tokens (RFC 9449 section 7) come as "Authorization: DPoP" with the partner's
                        // proof, which the gateway forwards unchanged and checks too: this service checks it again
                        // (signature, htm, htu, iat, ath, cnf.jkt). The htu names the gateway's public URL, which
                        // this service sees through the gateway's X-Forwarded-* headers (server.forward-headers-
                        // strategy). Spring refuses a DPoP-bound token sent as a bearer token.
                        .dPoP(dpop -> dpop.authenticationFailureHandler(entryPoint::commence))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Spring Security's strict firewall with its default rules; header names and values are checked by
     * {@link HeaderCharacters} (the same rule, without a regular expression per header read).
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowed);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowed);
        return web -> web.httpFirewall(firewall);
    }

    /** Authorities {@code SCOPE_<scope>} from the contract's single space-delimited {@code scope} claim. */
    private static JwtAuthenticationConverter scopeAuthorities() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("scope");
        authorities.setAuthorityPrefix("SCOPE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
