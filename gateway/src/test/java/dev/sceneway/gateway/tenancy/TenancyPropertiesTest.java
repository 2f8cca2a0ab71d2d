package dev.sceneway.gateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

class TenancyPropertiesTest {

    @Test
    void sandboxProfileWhenBoundThenBothDemoPartnersArePlannedAtBothSandboxBanks() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("sandbox", new ClassPathResource("application-sandbox.yml"))
                .forEach(environment.getPropertySources()::addFirst);

        TenancyProperties properties = Binder.get(environment)
                .bindOrCreate("sceneway.gateway.tenancy", TenancyProperties.class);

        assertThat(properties.seedPlans()).containsOnlyKeys("renovation-demo", "checkout-demo", "fapi-demo");
        properties.seedPlans().values().forEach(byBank -> assertThat(byBank).containsOnlyKeys("lakeside", "harbour"));
        assertThat(properties.seedPlans().get("renovation-demo").get("lakeside").toPlan())
                .isEqualTo(new Plan(5, 1, 100_000, 2_000_000));
        assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.enforceApproval()).isTrue();
    }

    @Test
    void refreshIntervalWhenLongerThanAMinuteThenRefusedNamingTheRule() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TenancyProperties(Duration.ofMinutes(5), true, Map.of()))
                .withMessage("refreshInterval must be between 50ms and 1m, but was PT5M");
    }

    @Test
    void failurePolicyWhenMethodIsUnsafeThenFailClosedWhateverTheRouteSays() {
        BankRoute lenient = new BankRoute("lakeside", URI.create("http://127.0.0.1:1"), null,
                FailurePolicy.LOCAL_FALLBACK);

        assertThat(FailurePolicy.forRequest(HttpMethod.POST, lenient))
                .isEqualTo(FailurePolicy.FAIL_CLOSED);
        assertThat(FailurePolicy.forRequest(HttpMethod.DELETE, lenient))
                .isEqualTo(FailurePolicy.FAIL_CLOSED);
        assertThat(FailurePolicy.forRequest(HttpMethod.GET, lenient))
                .isEqualTo(FailurePolicy.LOCAL_FALLBACK);
    }
}
