package dev.sceneway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.sceneway.gateway.tenancy.Plan;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RateLimitPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void bindWhenNothingIsSetThenEnabledWithAHundredMillisecondTimeout() {
        runner.run(context -> {
            RateLimitProperties properties = context.getBean(RateLimitProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(100));
        });
    }

    @Test
    void bindWhenTimeoutIsAboveAHundredMillisecondsThenStartupFailsNamingTheRule() {
        runner.withPropertyValues("sceneway.gateway.rate-limit.timeout=2s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("timeout must be > 0 and <= 100ms, but was PT2S"));
    }

    @Test
    void planWhenRefillIsNegativeOrAQuotaIsZeroThenRefusedWithClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Plan(5, -1, 10, 10))
                .withMessage("refillPerSecond must be > 0, but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> new Plan(2_000_000, 1, 10, 10))
                .withMessage("capacity must be <= 1000000, but was 2000000");
        assertThatIllegalArgumentException().isThrownBy(() -> new Plan(5, 1, 10, 0))
                .withMessage("monthlyQuota must be > 0, but was 0");
    }

    @Test
    void planWhenMonthlyQuotaIsInTheBillionsThenAccepted() {
        assertThat(new Plan(5, 1, 10, 3_000_000_000L).monthlyQuota()).isEqualTo(3_000_000_000L);
    }

    @Test
    void filterConfigWhenPolicyIsNotATokenThenRefusedWithClearMessage() {
        var config = new PartnerRateLimitGatewayFilterFactory.Config().setPolicy("Partner Plan");
        assertThatIllegalArgumentException().isThrownBy(config::validate)
                .withMessage("policy must match [a-z][a-z0-9-]{0,30}, but was 'Partner Plan'");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Properties {
    }
}
