package dev.sceneway.products.credit;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock the credit flows read "now" and "today" from (UTC instants; days in the bank's time zone). */
@Configuration(proxyBeanMethods = false)
class CreditConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
