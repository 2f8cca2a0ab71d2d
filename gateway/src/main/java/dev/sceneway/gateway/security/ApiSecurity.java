package dev.sceneway.gateway.security;

import dev.sceneway.gateway.problem.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The public port's security: a stateless OAuth 2.0 resource server. Everything under {@code /v1/**} needs a
 * valid access token (as {@code Bearer}, or as {@code DPoP} with a proof: {@link BoundTokenAuthenticationManager}), some paths a scope too ({@link ScopeRules}); the API docs are public; other paths are left
 * to routing, which answers 404. Scopes become {@code SCOPE_x} authorities from the space-delimited {@code scope} claim
 * (Spring Security's default JwtGrantedAuthoritiesConverter).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    SecurityWebFilterChain apiSecurityFilterChain(ServerHttpSecurity http,
            BoundTokenAuthenticationManager accessTokenAuthenticationManager, ProblemResponses problems) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    ScopeRules.RULES.forEach(rule -> (rule.method() == null
                            ? exchanges.pathMatchers(rule.pathPattern())
                            : exchanges.pathMatchers(rule.method(), rule.pathPattern()))
                            .hasAnyAuthority(rule.scopes().stream().map(scope -> "SCOPE_" + scope)
                                    .toArray(String[]::new)));
                    exchanges.pathMatchers("/v1/**").authenticated();
                    // The API docs (docs.ApiDocs) are public on purpose: partners read them before they have a token.
                    exchanges.pathMatchers(HttpMethod.GET, "/docs", "/docs/**", "/openapi/**").permitAll();
                    exchanges.anyExchange().permitAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new PresentedTokenConverter())
                        .jwt(jwt -> jwt.authenticationManager(accessTokenAuthenticationManager))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied));
        return http.build();
    }

    /** Spring Security's strict firewall with its header rules decided without regular expressions. */
    @Bean
    ServerWebExchangeFirewall exchangeFirewall() {
        return FirewallCharacters.firewall();
    }
}
