package dev.sceneway.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class IdempotencyPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void bindWhenNothingIsSetThenOnForTwentyFourHoursWaitingUpToTheRouteTimeout() {
        runner.run(context -> {
            IdempotencyProperties properties = context.getBean(IdempotencyProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.retention()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.maxWait()).isNull();
            assertThat(properties.storeTimeout()).isEqualTo(Duration.ofMillis(200));
        });
    }

    @Test
    void bindWhenMaxWaitIsNotShorterThanTheLeaseThenStartupFailsExplaining() {
        runner.withPropertyValues("sceneway.gateway.idempotency.in-flight-lease=30s",
                        "sceneway.gateway.idempotency.max-wait=30s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("maxWait must be < inFlightLease"));
    }

    @Test
    void bindWhenRetentionIsZeroThenStartupFails() {
        runner.withPropertyValues("sceneway.gateway.idempotency.retention=0s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("retention must be > 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdempotencyProperties.class)
    static class Properties {
    }
}
