package dev.sceneway.auth.server;

import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.client.Scopes;
import dev.sceneway.auth.clientauth.ClientAuthenticationSetup;
import dev.sceneway.auth.customer.CustomerLogin;
import dev.sceneway.auth.fapi.FapiProfile;
import dev.sceneway.auth.problem.ProblemResponses;
import dev.sceneway.auth.token.DefaultScopesConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security 7's built-in authorization server ({@code HttpSecurity#oauth2AuthorizationServer}) on its
 * endpoints, and a permissive chain for everything else (errors only: this service has no other resources).
 * Registered clients, the authorization service, the JWK source and the token customizer are beans of the other
 * features, which the configurer takes from the context.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurityConfiguration {

    /** The issuer is set, not derived from each request's Host header (RFC 8414 section 2). */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
            ProblemResponses problems, FapiProfile fapi, ClientAuthenticationSetup clientAuthentication)
            throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.tokenEndpoint(token -> token
                            .accessTokenRequestConverters(converters -> {
                                DefaultScopesConverter.install(converters);
                                fapi.tokenRequestConverters(converters);
                            })
                            .authenticationProviders(fapi::tokenProviders))
                    .clientAuthentication(clientAuthentication::configure)
                    .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                            builder -> {
                                builder.scopes(scopes -> scopes.addAll(Scopes.ALL));
                                fapi.metadata(builder);
                                // Last: the client authentication methods and algorithms actually enforced.
                                clientAuthentication.advertise(builder);
                            }));
            fapi.authorizationFlow(server);
        });
        // Sessions only carry the customer from the login form back to the authorization endpoint (customer
        // package); the other endpoints authenticate the client on every request and never create one.
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(cache -> cache.requestCache(CustomerLogin.requestCache()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(CustomerLogin.entryPoint(
                        PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint()),
                        new AuthorizationServerEntryPoint(clientAuthenticatedEndpoints(settings), problems))));
        return http.build();
    }

    /** Unknown paths and wrong methods reach Spring MVC, which answers with problems. */
    @Bean
    @Order(2)
    SecurityFilterChain applicationFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // No cookies and no sessions: there is nothing for CSRF to abuse.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(RequestCacheConfigurer::disable);
        return http.build();
    }

    private static RequestMatcher clientAuthenticatedEndpoints(AuthorizationServerSettings settings) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(
                paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint()));
    }
}
