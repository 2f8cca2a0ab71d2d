package dev.sceneway.products.payments;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the outbox relay ({@link ConsentUseReporter}) every {@code sceneway.payments.report-interval} and the payment
 * run ({@link PaymentRun}) every {@code sceneway.payments.execution-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentsConfiguration implements SchedulingConfigurer {

    private final ConsentUseReporter reporter;
    private final PaymentRun run;
    private final PaymentsProperties properties;

    PaymentsConfiguration(ConsentUseReporter reporter, PaymentRun run, PaymentsProperties properties) {
        this.reporter = reporter;
        this.run = run;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(reporter::reportPending, properties.reportInterval());
        registrar.addFixedDelayTask(run::run, properties.executionInterval());
    }
}
