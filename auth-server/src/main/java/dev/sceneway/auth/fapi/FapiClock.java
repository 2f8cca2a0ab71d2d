package dev.sceneway.auth.fapi;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock of every lifetime rule here (request_uri, codes); a bean so that tests move time instead of sleeping. */
@Configuration(proxyBeanMethods = false)
class FapiClock {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
