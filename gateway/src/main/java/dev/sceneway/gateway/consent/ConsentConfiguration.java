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
    ConsentGate consentGate(ConsentProperties properties, ConsentCache cache, ConsentStore store,
            ProblemResponses problems, ConsentMetrics metrics) {
        return new ConsentGate(properties.enforce(), cache, store, problems, metrics, Clock.systemUTC());
    }

    @Bean
    BankRouteFilters consentEnforcement(ConsentGate gate, ProblemResponses problems) {
        return bank -> gate.enforces() ? List.of(new ConsentEnforcementFilter(bank.id(), gate, problems)) : List.of();
    }
}
