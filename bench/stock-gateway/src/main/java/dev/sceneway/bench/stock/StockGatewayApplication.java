package dev.sceneway.bench.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The benchmark's baseline: one Spring Cloud Gateway route (application.yml) behind Spring Security's resource
 * server. Token checks come from Spring Boot's properties (JWKS URL, PS256, issuer, audience) plus Boot's defaults
 * (exp/nbf); the only code is the usual security chain (a scope for the API, no CSRF: an API, no browser session) and
 * the documented way to accept RFC 9068 access tokens, whose {@code typ} is {@code at+jwt} where Spring Security's
 * default validator wants {@code JWT}.
 */
@SpringBootApplication
public class StockGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(StockGatewayApplication.class, args);
    }

    /** Boot adds this to its validators, in place of the default {@code typ=JWT} check. */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokenType() {
        return new JwtTypeValidator("at+jwt", "application/at+jwt");
    }

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/v1/**").hasAuthority("SCOPE_products")
                        .anyExchange().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .build();
    }
}
