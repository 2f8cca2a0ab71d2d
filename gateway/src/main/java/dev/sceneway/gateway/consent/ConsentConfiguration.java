package dev.sceneway.gateway.consent;

import dev.sceneway.gateway.problem.ProblemResponses;
import dev.sceneway.gateway.routing.BankRouteFilters;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Wires consent enforcement into every bank route; the consents API's own route is {@code routing.BankRoutes}'. */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    @Bean
    ConsentCache consentCache(ConsentProperties properties) {
        return new ConsentCache(properties.cacheMaxEntries(), properties.cacheMaxAge());
    }

    @Bean
    ConsentChangeListener consentChangeListener(RedisConnectionFactory redis, ConsentCache cache,
            ConsentMetrics metrics) {
        return new ConsentChangeListener(redis, cache, metrics);
    }

    @Bean
    BankRouteFilters consentEnforcement(ConsentProperties properties, ConsentCache cache, ConsentStore store,
            ProblemResponses problems, ConsentMetrics metrics) {
        Clock clock = Clock.systemUTC();
        return bank -> properties.enforce()
                ? List.of(new ConsentEnforcementFilter(bank.id(), cache, store, problems, metrics, clock))
                : List.of();
    }
}
