package dev.sceneway.products.bank;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link OwnBankInterceptor} in front of every bank-scoped API path. */
@Configuration(proxyBeanMethods = false)
class BankWebConfiguration implements WebMvcConfigurer {

    private final BankProperties bank;

    BankWebConfiguration(BankProperties bank) {
        this.bank = bank;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new OwnBankInterceptor(bank)).addPathPatterns("/v1/banks/**");
    }
}
