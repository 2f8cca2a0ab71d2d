package dev.sceneway.auth.consent.partner;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.problem.Problem;
import dev.sceneway.auth.problem.ProblemResponses;
import dev.sceneway.auth.problem.ProblemType;
import dev.sceneway.auth.token.OwnAccessTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /v1/banks/{bankId}/consents/**} (the partner consents API) is a resource server of this server's own
 * access tokens, verified like the admin API's ({@link OwnAccessTokens}: local keys, PS256, at+jwt, issuer,
 * audience). DPoP-bound tokens come as {@code Authorization: DPoP} with a proof (RFC 9449 section 7), checked here
 * too; behind the gateway the proof's
 * {@code htu} names the gateway's URL, which this server sees through the gateway's X-Forwarded-* headers
 * ({@code server.forward-headers-strategy}). Scope and bank are checked per operation (the consent's type decides
 * the scope), by {@link PartnerCaller}. Failures are the contract's problems: {@code token-missing},
 * {@code token-invalid}, {@code dpop-proof-invalid}.
 */
@Configuration(proxyBeanMethods = false)
class ConsentApiSecurityConfiguration {

    /** The bearer challenge first, then DPoP's (RFC 9449 section 7.1), as common.yaml's Unauthorized says. */
    static final String DPOP_PROOF_CHALLENGE = "Bearer error=\"invalid_token\", "
            + "DPoP error=\"invalid_dpop_proof\", algs=\"ES256 PS256\"";

    /** Exactly the partner API's paths: any other path stays an unknown one (404), not a 401. */
    static final String PARTNER_API = "/v1/banks/*/consents/**";

    @Bean
    @Order(1)
    SecurityFilterChain partnerApiFilterChain(HttpSecurity http, JWKSource<SecurityContext> keys,
            AuthProperties properties, ProblemResponses problems) throws Exception {
        http.securityMatcher(PARTNER_API)
                .authorizeHttpRequests(requests -> requests
                        // The container's error page renders rejections that happened before MVC; it holds no data.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(OwnAccessTokens.decoder(keys, properties)))
                        .dPoP(dpop -> dpop.authenticationFailureHandler((request, response, e) ->
                                unauthorized(problems, request, response, ProblemType.DPOP_PROOF_INVALID,
                                        DPOP_PROOF_CHALLENGE)))
                        .authenticationEntryPoint((request, response, e) -> entryPoint(problems, request, response, e)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> entryPoint(problems, request, response, e)))
                // Bearer tokens only, no cookies: nothing for CSRF to abuse.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(RequestCacheConfigurer::disable);
        return http.build();
    }

    /** Before security, so that its 401s carry the interaction id too. */
    @Bean
    FilterRegistrationBean<InteractionIdFilter> partnerApiInteractionIdFilter() {
        FilterRegistrationBean<InteractionIdFilter> registration = new FilterRegistrationBean<>(
                new InteractionIdFilter());
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The reason a token failed goes to no one: telling a caller which check failed helps forgers, not partners. */
    private static void entryPoint(ProblemResponses problems, HttpServletRequest request,
            HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof OAuth2AuthenticationException) {
            unauthorized(problems, request, response, ProblemType.TOKEN_INVALID, "Bearer error=\"invalid_token\"");
        } else {
            unauthorized(problems, request, response, ProblemType.TOKEN_MISSING, "Bearer");
        }
    }

    private static void unauthorized(ProblemResponses problems, HttpServletRequest request,
            HttpServletResponse response, ProblemType type, String challenge) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        problems.write(Problem.of(type, request.getRequestURI()), response);
    }
}
