package dev.sceneway.products.credit.application;

import dev.sceneway.products.credit.CreditProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Decides pending applications every {@code sceneway.credit.retry-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ApplicationsConfiguration implements SchedulingConfigurer {

    private final PendingDecisions pending;
    private final CreditProperties properties;

    ApplicationsConfiguration(PendingDecisions pending, CreditProperties properties) {
        this.pending = pending;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(pending::decideDue, properties.retryInterval());
    }
}
