package dev.sceneway.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ResiliencePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void bindWhenNothingIsSetThenSensibleDefaultsAndTheRouteTimeout() {
        runner.run(context -> {
            ResilienceProperties properties = context.getBean(ResilienceProperties.class);
            ResilienceProperties.Policy policy = properties.forBank("lakeside");
            assertThat(properties.enabled()).isTrue();
            assertThat(policy.timeout()).isNull();
            assertThat(policy.failureRateThreshold()).isEqualTo(50);
            assertThat(policy.minimumNumberOfCalls()).isEqualTo(10);
            assertThat(policy.waitInOpenState()).isEqualTo(Duration.ofSeconds(10));
            assertThat(policy.maxConcurrentCalls()).isEqualTo(100);
            assertThat(policy.readAttempts()).isEqualTo(3);
        });
    }

    @Test
    void bindWhenABankHasItsOwnPolicyThenOnlyThatBankUsesIt() {
        runner.withPropertyValues("sceneway.gateway.resilience.banks.harbour.max-concurrent-calls=8",
                        "sceneway.gateway.resilience.banks.harbour.timeout=2s")
                .run(context -> {
                    ResilienceProperties properties = context.getBean(ResilienceProperties.class);
                    assertThat(properties.forBank("harbour").maxConcurrentCalls()).isEqualTo(8);
                    assertThat(properties.forBank("harbour").timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.forBank("lakeside").maxConcurrentCalls()).isEqualTo(100);
                });
    }

    @Test
    void bindWhenFailureRateIsOutOfRangeThenStartupFails() {
        runner.withPropertyValues("sceneway.gateway.resilience.defaults.failure-rate-threshold=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void bindWhenMinimumCallsExceedTheWindowThenStartupFailsExplaining() {
        runner.withPropertyValues("sceneway.gateway.resilience.defaults.sliding-window-size=5",
                        "sceneway.gateway.resilience.defaults.minimum-number-of-calls=6")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("must be <= slidingWindowSize"));
    }

    @Test
    void bindWhenReadAttemptsExceedFiveThenStartupFails() {
        runner.withPropertyValues("sceneway.gateway.resilience.defaults.read-attempts=6")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResilienceProperties.class)
    static class Properties {
    }
}
