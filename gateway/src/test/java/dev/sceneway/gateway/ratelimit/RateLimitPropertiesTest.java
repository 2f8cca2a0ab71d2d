package dev.sceneway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.sceneway.gateway.ratelimit.RateLimitProperties.Plan;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RateLimitPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void bindWhenNothingIsSetThenDefaultPlanIsTwentyThenTenPerSecond() {
        runner.run(context -> {
            RateLimitProperties properties = context.getBean(RateLimitProperties.class);
            assertThat(properties.planFor("anyone")).isEqualTo(new Plan(20, 10));
            assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(200));
        });
    }

    @Test
    void bindWhenPartnerHasAPlanThenThatPartnerGetsIt() {
        runner.withPropertyValues("sceneway.gateway.rate-limit.partners.renovation-demo.capacity=5",
                        "sceneway.gateway.rate-limit.partners.renovation-demo.refill-per-second=1")
                .run(context -> {
                    RateLimitProperties properties = context.getBean(RateLimitProperties.class);
                    assertThat(properties.planFor("renovation-demo")).isEqualTo(new Plan(5, 1));
                    assertThat(properties.planFor("checkout-demo")).isEqualTo(new Plan(20, 10));
                });
    }

    @Test
    void bindWhenCapacityIsZeroThenStartupFailsNamingPropertyAndRule() {
        runner.withPropertyValues("sceneway.gateway.rate-limit.partners.renovation-demo.capacity=0")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("sceneway.gateway.rate-limit.partners.renovation-demo")
                        .hasStackTraceContaining("capacity must be > 0, but was 0"));
    }

    @Test
    void planWhenRefillIsNegativeThenRefusedWithClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Plan(5, -1))
                .withMessage("refillPerSecond must be > 0, but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> new Plan(2_000_000, 1))
                .withMessage("capacity must be <= 1000000, but was 2000000");
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
