package dev.sceneway.auth;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * TEST ONLY, temporary: the in-memory {@code CustomerConsents} until the consent service lands (see
 * {@link InMemoryCustomerConsents}). Imported by {@link AuthServerTestSupport}; servers that tests start with
 * {@code SpringApplicationBuilder} add it as a source.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryConsentsConfiguration {

    @Bean
    @Primary
    InMemoryCustomerConsents inMemoryCustomerConsents() {
        return new InMemoryCustomerConsents();
    }

    @Bean
    TestConsents testConsents(InMemoryCustomerConsents consents) {
        return new TestConsents(consents);
    }
}
