package dev.sceneway.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class EdgePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void bindWhenNothingIsSetThenOneMebibyteAndNoTrustedProxy() {
        runner.run(context -> {
            EdgeProperties edge = context.getBean(EdgeProperties.class);
            assertThat(edge.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(edge.trustedProxies()).isEmpty();
        });
    }

    @Test
    void bindWhenTrustedProxiesAreCidrsThenBound() {
        runner.withPropertyValues("sceneway.gateway.edge.trusted-proxies=10.0.0.0/8,fd00::/8")
                .run(context -> assertThat(context.getBean(EdgeProperties.class).trustedNetworks()).hasSize(2));
    }

    @Test
    void bindWhenATrustedProxyIsNotACidrThenStartupFailsNamingIt() {
        runner.withPropertyValues("sceneway.gateway.edge.trusted-proxies=10.0.0.0/8,lb.internal")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("'lb.internal' is not in CIDR notation"));
    }

    @Test
    void bindWhenMaxBodySizeIsZeroThenStartupFails() {
        runner.withPropertyValues("sceneway.gateway.edge.max-body-size=0B")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("maxBodySize must be > 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EdgeProperties.class)
    static class Properties {
    }
}
