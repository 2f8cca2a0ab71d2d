package dev.sceneway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.tenancy.FailurePolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

class RoutingPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void bindWhenBankHasHttpUriThenRouteTarget() {
        runner.withPropertyValues("sceneway.gateway.banks.lakeside.uri=http://127.0.0.1:8090")
                .run(context -> assertThat(context.getBean(RoutingProperties.class).banks())
                        .containsOnlyKeys("lakeside"));
    }

    @Test
    void bindWhenNoBankIsConfiguredThenNoSeedBecauseBanksMayComeFromTheDatabase() {
        runner.run(context -> assertThat(context.getBean(RoutingProperties.class).banks()).isEmpty());
    }

    @Test
    void bindWhenReadFailurePolicyIsFailClosedThenTheRouteFailsClosedForReads() {
        runner.withPropertyValues("sceneway.gateway.banks.lakeside.uri=http://127.0.0.1:8090",
                        "sceneway.gateway.banks.lakeside.read-failure-policy=fail-closed")
                .run(context -> assertThat(context.getBean(RoutingProperties.class).banks().get("lakeside")
                        .toRoute("lakeside").readFailurePolicy()).isEqualTo(FailurePolicy.FAIL_CLOSED));
    }

    @Test
    void bindWhenBankIdIsNotLowercaseAlphanumericThenStartupFails() {
        runner.withPropertyValues("sceneway.gateway.banks.Lake_Side.uri=http://127.0.0.1:8090")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void bindWhenUriHasAPathThenStartupFailsExplainingThePathIsForwarded() {
        runner.withPropertyValues("sceneway.gateway.banks.lakeside.uri=http://127.0.0.1:8090/api")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("uri must not have a path"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RoutingProperties.class)
    static class Properties {
    }
}
