package dev.sceneway.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.GatewayApplication;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.infra.SharedTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A replica that stops gracefully loses no record: with a flush interval far longer than the test, nothing is
 * stored while the calls are made, and closing the context stores every one of them.
 */
class MeteringShutdownIT {

    private static final int CALLS = 40;

    /**
     * Reactor Netty's resources are global to the JVM by default, and a context that closes disposes them: the
     * other test contexts, still cached, would lose their event loops. This context gets resources of its own.
     */
    private static final ApplicationContextInitializer<ConfigurableApplicationContext> OWN_NETTY_RESOURCES =
            context -> ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
                ReactorResourceFactory resources = new ReactorResourceFactory();
                resources.setUseGlobalResources(false);
                return resources;
            });

    @Test
    void contextWhenClosedAfterCallsThenEveryCallIsStored() throws Exception {
        String database = SharedTestInfrastructure.freshDatabase("gateway");
        String partner = GatewayTokens.uniquePartner("shutdown");
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(OWN_NETTY_RESOURCES)
                .run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.data.redis.host=" + SharedTestInfrastructure.redis().host(),
                "--spring.data.redis.port=" + SharedTestInfrastructure.redis().port(),
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password(),
                "--sceneway.gateway.issuer=" + GatewayTokens.ISSUER,
                "--sceneway.gateway.jwk-set-uri=" + TestUpstreams.jwkSetUri(),
                "--sceneway.gateway.banks.lakeside.uri=" + TestUpstreams.lakeside().baseUrl(),
                "--sceneway.gateway.tokens.require-dpop=false",
                "--sceneway.gateway.tenancy.seed-plans." + partner + ".lakeside.capacity=1000",
                "--sceneway.gateway.metering.flush-interval=1h");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database,
                SharedTestInfrastructure.postgres().username(), SharedTestInfrastructure.postgres().password()));
        try {
            WebTestClient client = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"))
                    .build();
            String token = GatewayTokens.partner(partner).scopes("products").sign();
            for (int i = 0; i < CALLS; i++) {
                client.get().uri(i % 4 == 0 ? "/v1/banks/lakeside/credit/quotes" : "/v1/banks/lakeside/credit/products")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + (i % 5 == 0 ? "not-a-jwt" : token))
                        .exchange()
                        .expectBody().returnResult();
            }
            assertThat(count(jdbc)).as("rows before the context closes").isZero();
        } finally {
            gateway.close();
        }

        assertThat(count(jdbc)).as("rows after the context closed").isEqualTo(CALLS);
        assertThat(jdbc.queryForObject("SELECT sum(calls) FROM metering_daily", Long.class)).isEqualTo(CALLS);
    }

    private static long count(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM metering_call", Long.class);
        return count == null ? 0 : count;
    }
}
