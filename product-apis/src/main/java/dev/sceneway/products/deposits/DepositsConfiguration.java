package dev.sceneway.products.deposits;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Pays out matured deposits every {@code sceneway.deposits.maturity-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DepositsConfiguration implements SchedulingConfigurer {

    private final MaturityRun maturities;
    private final DepositsProperties properties;

    DepositsConfiguration(MaturityRun maturities, DepositsProperties properties) {
        this.maturities = maturities;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(maturities::runToday, properties.maturityInterval());
    }
}
