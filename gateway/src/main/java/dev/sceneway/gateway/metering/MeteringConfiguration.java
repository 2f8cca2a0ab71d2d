package dev.sceneway.gateway.metering;

import dev.sceneway.gateway.problem.GatewayErrorWebExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Wires metering: the call recorder on every request, the buffer and its writer when
 * {@code sceneway.gateway.metering.enabled} (the default), and the usage API.
 */
@Configuration(proxyBeanMethods = false)
class MeteringConfiguration {

    @Bean
    CallRecorder callRecorder(ObjectProvider<CallObserver> observers, KnownBanks banks) {
        return new CallRecorder(new CallClassifier(SpecOperations.fromClasspath(), banks),
                observers.orderedStream().toList());
    }

    @Bean
    CallRecordingWebFilter callRecordingWebFilter(CallRecorder recorder, GatewayErrorWebExceptionHandler errors,
            ApplicationContext context) {
        return new CallRecordingWebFilter(recorder, errors, context);
    }

    @Bean
    KnownBanks knownBanks() {
        return new KnownBanks();
    }

    /**
     * Spring Security applies every {@code Customizer<ServerHttpSecurity>} bean to the {@code ServerHttpSecurity}
     * it hands to the gateway's filter chain ({@code ApiSecurity}), so the partner is noted right after
     * authentication without that configuration knowing about metering.
     */
    @Bean
    Customizer<ServerHttpSecurity> partnerAttributeAfterAuthentication() {
        return http -> http.addFilterAfter(new PartnerAttributeWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION);
    }

    @Bean
    MeteringStore meteringStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new MeteringStore(jdbc, transactions);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "sceneway.gateway.metering.enabled", matchIfMissing = true)
    CallBuffer callBuffer(MeteringProperties properties, MeterRegistry meters) {
        return new CallBuffer(properties.bufferCapacity(), meters);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "sceneway.gateway.metering.enabled", matchIfMissing = true)
    MeteringWriter meteringWriter(CallBuffer buffer, MeteringStore store, MeteringProperties properties,
            MeterRegistry meters) {
        return new MeteringWriter(buffer, store, properties, meters);
    }

    /** Blocking usage queries run here: a few threads, a short queue, so admins cannot starve anything else. */
    @Bean(destroyMethod = "dispose")
    Scheduler usageQueryScheduler() {
        return Schedulers.newBoundedElastic(2, 32, "usage-query");
    }

    @Bean
    RouterFunction<ServerResponse> usageApiRoutes(MeteringStore store, Scheduler usageQueryScheduler,
            MeteringProperties properties) {
        UsageApi api = new UsageApi(store, usageQueryScheduler, Clock.systemUTC(), properties.usageMaxDays());
        return RouterFunctions.route().GET(UsageApi.PATH, api::usage).build();
    }
}
