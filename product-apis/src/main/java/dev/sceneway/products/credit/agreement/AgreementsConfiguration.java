package dev.sceneway.products.credit.agreement;

import dev.sceneway.products.credit.CreditProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Collects due instalments every {@code sceneway.credit.collection-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AgreementsConfiguration implements SchedulingConfigurer {

    private final InstalmentCollector collector;
    private final CreditProperties properties;

    AgreementsConfiguration(InstalmentCollector collector, CreditProperties properties) {
        this.collector = collector;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(collector::collectToday, properties.collectionInterval());
    }
}
