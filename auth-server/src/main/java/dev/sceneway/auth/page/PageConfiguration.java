package dev.sceneway.auth.page;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The language switch ({@code ?lang=}) on every page, resolved by {@link PageLocales}. */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

    /** The name DispatcherServlet looks up; replaces Boot's Accept-Language-only resolver. */
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocales();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(Pages.LANG_PARAMETER);
        // A malformed ?lang= is ignored rather than answered with an error page.
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
