package dev.sceneway.products.accounts;

import dev.sceneway.products.accounts.generated.model.Direction;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters with enum values in their wire form ({@code direction=credit}): Spring's default conversion wants
 * the Java constant's name ({@code CREDIT}). An unknown value fails conversion, which is a 400 naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class AccountsWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Direction.class, Direction::fromValue);
    }
}
