package dev.sceneway.products.payments;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the outbox relay ({@link ConsentUseReporter}) every {@code sceneway.payments.report-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentsConfiguration implements SchedulingConfigurer {

    private final ConsentUseReporter reporter;
    private final PaymentsProperties properties;

    PaymentsConfiguration(ConsentUseReporter reporter, PaymentsProperties properties) {
        this.reporter = reporter;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(reporter::reportPending, properties.reportInterval());
    }
}
