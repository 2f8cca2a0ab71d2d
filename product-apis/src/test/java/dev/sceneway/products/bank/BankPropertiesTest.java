package dev.sceneway.products.bank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class BankPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BankProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void startupWhenBankIdIsNotALowerCaseIdentifierThenFailsNamingThePropertyAndTheRule() {
        contexts.withPropertyValues("sceneway.bank.id=Lakeside; DROP SCHEMA public", "sceneway.bank.name=Lakeside")
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .hasMessageContaining("sceneway.bank")
                        .hasMessageContaining("'id'")
                        .hasMessageContaining("must be a lower-case bank id matching [a-z][a-z0-9]{1,30}"));
    }

    @Test
    void startupWhenBankNameIsMissingThenFails() {
        contexts.withPropertyValues("sceneway.bank.id=lakeside")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("'name'"));
    }

    @Test
    void bindingWhenValidThenSchemaIsTheBankId() {
        contexts.withPropertyValues("sceneway.bank.id=harbour", "sceneway.bank.name=Harbour Rural Commercial Bank")
                .run(context -> assertThat(context.getBean(BankProperties.class).schema()).isEqualTo("harbour"));
    }
}
