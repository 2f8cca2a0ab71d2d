package dev.sceneway.products.interaction;

import dev.sceneway.products.problem.ProblemWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link InteractionIdFilter} ahead of Spring Security, for requests and error dispatches. */
@Configuration(proxyBeanMethods = false)
class InteractionConfiguration {

    /** Before the security filter chain, so the 401/403 it writes carry the interaction id too. */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;

    @Bean
    FilterRegistrationBean<InteractionIdFilter> interactionIdFilter(ProblemWriter problems) {
        FilterRegistrationBean<InteractionIdFilter> registration =
                new FilterRegistrationBean<>(new InteractionIdFilter(problems));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }
}
