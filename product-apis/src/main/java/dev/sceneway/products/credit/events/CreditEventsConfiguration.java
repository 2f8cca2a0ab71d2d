package dev.sceneway.products.credit.events;

import dev.sceneway.products.payments.PaymentsProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Relays credit events as often as consent uses are reported ({@code sceneway.payments.report-interval}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CreditEventsConfiguration implements SchedulingConfigurer {

    private final CreditEventRelay relay;
    private final PaymentsProperties properties;

    CreditEventsConfiguration(CreditEventRelay relay, PaymentsProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(relay::relayPending, properties.reportInterval());
    }
}
