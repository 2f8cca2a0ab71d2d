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
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The customer pages' own filter chain: the login steps ({@code /login}, {@code /login/code}), {@code /logout}, the
 * consent screen and the dashboard. Sessions (the authorization endpoint then finds the customer in the session),
 * CSRF protection on every form, and two factors: the form login checks the password but keeps its result on the
 * request only ({@link PasswordStep}); {@link CodePage} makes it the session's after a right one-time code. Each page
 * sets its own Content-Security-Policy ({@code dev.sceneway.auth.page.Pages}).
 */
@Configuration(proxyBeanMethods = false)
class CustomerLoginConfiguration {

    /** Paths of the journey pages that need a fully logged-in customer. */
    static final String[] CUSTOMER_ONLY = {"/consent", "/account/**"};

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
        http.securityMatcher(new OrRequestMatcher(paths.matcher(CustomerLogin.LOGIN_PATH),
                        paths.matcher(CustomerLogin.CODE_PATH), paths.matcher(CustomerLogin.LOGOUT_PATH),
                        paths.matcher("/consent"), paths.matcher("/account/**")))
                .authorizeHttpRequests(requests -> requests.requestMatchers(CUSTOMER_ONLY).authenticated()
                        .anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(cache -> cache.requestCache(CustomerLogin.requestCache()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint(CustomerLogin.LOGIN_PATH)))
                .formLogin(form -> form.loginPage(CustomerLogin.LOGIN_PATH)
                        .loginProcessingUrl(CustomerLogin.LOGIN_PATH)
                        .failureUrl(CustomerLogin.LOGIN_PATH + "?error")
                        .successHandler(new PasswordStep())
                        // The password alone never logs the customer in: its result lives on this request only.
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .logout(logout -> logout.logoutRequestMatcher(paths.matcher(
                                org.springframework.http.HttpMethod.POST, CustomerLogin.LOGOUT_PATH))
                        .logoutSuccessUrl(CustomerLogin.LOGIN_PATH + "?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")));
        return http.build();
    }
}
