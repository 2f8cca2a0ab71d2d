package dev.sceneway.gateway.support;

import dev.sceneway.infra.SharedTestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The gateway's PostgreSQL for a test context: a fresh database per context, on the shared test server. */
public final class GatewayDatabase {

    private GatewayDatabase() {
    }

    /** Registers {@code spring.datasource.*} for a new, empty database; returns nothing a test needs to keep. */
    public static void register(DynamicPropertyRegistry registry) {
        String url = SharedTestInfrastructure.freshDatabase("gateway");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> SharedTestInfrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> SharedTestInfrastructure.postgres().password());
    }
}
