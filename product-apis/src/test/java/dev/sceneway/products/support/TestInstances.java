package dev.sceneway.products.support;

import dev.sceneway.infra.SharedTestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Wires a product-apis test context for one sandbox bank. Every bank's context uses the same database, as in
 * the sandbox (one schema per bank in one database), so the tests see that the schemas keep banks apart.
 */
public final class TestInstances {

    /**
     * The contract validator logs at INFO, on every response, that it does not check oauth2 security schemes.
     * A {@code @SpringBootTest} property: logging levels are applied before dynamic property sources exist.
     */
    public static final String QUIET_CONTRACT_VALIDATOR = "logging.level.com.atlassian.oai.validator=WARN";

    private static String databaseUrl;

    private TestInstances() {
    }

    public static void register(DynamicPropertyRegistry registry, String bankId) {
        registry.add("spring.datasource.url", TestInstances::databaseUrl);
        registry.add("spring.datasource.username", () -> SharedTestInfrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> SharedTestInfrastructure.postgres().password());
        registry.add("sceneway.bank.id", () -> bankId);
        registry.add("sceneway.security.issuer", () -> ProductTokens.ISSUER);
        registry.add("sceneway.security.jwk-set-uri", TestJwks::uri);
        registry.add("spring.data.redis.host", () -> SharedTestInfrastructure.redis().host());
        registry.add("spring.data.redis.port", () -> SharedTestInfrastructure.redis().port());
        registry.add("sceneway.credit.bureau.url", TestBureau::url);
        // A loaded CI machine must not turn a prompt bureau answer into "pending"; dave's answer takes 6 s.
        registry.add("sceneway.credit.decision-patience", () -> "PT3S");
        registry.add("sceneway.credit.retry-patience", () -> "PT10S");
        // Tests run the payment run themselves (PaymentRun#run), so a pending payment stays pending until they do.
        registry.add("sceneway.payments.execution-interval", () -> "PT1H");
    }

    /** The shared products database, created empty on first use. */
    public static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = SharedTestInfrastructure.freshDatabase("products");
        }
        return databaseUrl;
    }
}
