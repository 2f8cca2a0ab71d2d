package dev.sceneway.auth.client.admin;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.client.Scopes;
import dev.sceneway.auth.problem.Problem;
import dev.sceneway.auth.problem.ProblemResponses;
import dev.sceneway.auth.problem.ProblemType;
import dev.sceneway.auth.token.OwnAccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /admin/**} is a resource server of this authorization server's own tokens: PS256 {@code at+jwt} access
 * tokens verified against the local signing keys (no HTTP call), with this issuer and audience, carrying scope
 * {@code admin}. Only the configured admin clients can get that scope. Failures are problems
 * ({@code authentication-required}, {@code forbidden}).
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain adminFilterChain(HttpSecurity http, JWKSource<SecurityContext> keys,
            AuthProperties properties, ProblemResponses problems) throws Exception {
        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_" + Scopes.ADMIN))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(OwnAccessTokens.decoder(keys, properties)))
                        // Admin tokens are DPoP-bound wherever client_credentials requires DPoP (every profile but
                        // the sandbox): "Authorization: DPoP" with a proof of the token's key (RFC 9449 section 7).
                        .dPoP(dpop -> dpop.authenticationFailureHandler((request, response, e) ->
                                authenticationRequired(problems, request, response, "DPoP")))
                        .authenticationEntryPoint((request, response, e) ->
                                authenticationRequired(problems, request, response, "Bearer"))
                        .accessDeniedHandler((request, response, e) -> problems.write(Problem.of(
                                ProblemType.FORBIDDEN, "The access token lacks scope admin.",
                                request.getRequestURI()), response)))
                // Bearer tokens only, no cookies: nothing for CSRF to abuse.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(RequestCacheConfigurer::disable);
        return http.build();
    }

    private static void authenticationRequired(ProblemResponses problems, HttpServletRequest request,
            HttpServletResponse response, String scheme) throws IOException {
        response.setHeader("WWW-Authenticate", scheme);
        problems.write(Problem.of(ProblemType.AUTHENTICATION_REQUIRED,
                "A valid access token with scope admin is required.", request.getRequestURI()), response);
    }
}
