package dev.sceneway.auth.customer;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The login form's own filter chain ({@code /login}): sessions (the authorization endpoint then finds the customer
 * in the session), CSRF protection on the form, and a redirect back to the saved authorization request after a
 * successful login ({@link CustomerLogin#requestCache()}).
 */
@Configuration(proxyBeanMethods = false)
class CustomerLoginConfiguration {

    @Bean
    UserDetailsService customers(CustomerLoginProperties properties) {
        List<UserDetails> users = properties.sandboxCustomers().stream()
                .map(customer -> User.withUsername(customer.username()).password(customer.passwordHash())
                        .roles("CUSTOMER").build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain customerLoginFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher(CustomerLogin.LOGIN_PATH))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(cache -> cache.requestCache(CustomerLogin.requestCache()))
                .formLogin(form -> form.loginPage(CustomerLogin.LOGIN_PATH)
                        .loginProcessingUrl(CustomerLogin.LOGIN_PATH)
                        .failureUrl(CustomerLogin.LOGIN_PATH + "?error"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")));
        return http.build();
    }
}
