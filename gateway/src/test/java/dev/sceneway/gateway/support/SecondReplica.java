package dev.sceneway.gateway.support;

import dev.sceneway.gateway.GatewayApplication;
import dev.sceneway.infra.SharedTestInfrastructure;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second gateway replica (its own application context, its own port) on the same Redis and the same PostgreSQL as
 * {@link GatewayTestContext}, with the same banks (lakeside, harbour) and auth-server. Start it in a
 * {@code @BeforeAll} and {@link #close()} it in an {@code @AfterAll}.
 */
public final class SecondReplica implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final WebTestClient client;

    private SecondReplica(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    public static SecondReplica start() {
        // Command-line arguments: unlike builder "properties" (defaults), they override application.yml.
        return new SecondReplica(new SpringApplicationBuilder(GatewayApplication.class, OwnEventLoops.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.data.redis.host=" + SharedTestInfrastructure.redis().host(),
                "--spring.data.redis.port=" + SharedTestInfrastructure.redis().port(),
                "--spring.datasource.url=" + GatewayTestContext.databaseUrl(),
                "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password(),
                "--spring.datasource.hikari.maximum-pool-size=2",
                "--sceneway.gateway.issuer=" + GatewayTokens.ISSUER,
                "--sceneway.gateway.jwk-set-uri=" + TestUpstreams.jwkSetUri(),
                "--sceneway.gateway.tokens.require-dpop=false",
                "--sceneway.gateway.consents.uri=" + TestUpstreams.authServer().baseUrl(),
                "--sceneway.gateway.banks.lakeside.uri=" + TestUpstreams.lakeside().baseUrl(),
                "--sceneway.gateway.banks.harbour.uri=" + TestUpstreams.harbour().baseUrl()));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public WebTestClient client() {
        return client;
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * In production a replica is a process of its own. In this JVM the second replica gets Netty event loops of its
     * own: with the default (global) resources, closing it would shut down the loops the shared test context uses.
     * Deliberately not a {@code @Configuration}, so the test context never picks it up.
     */
    static class OwnEventLoops {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }
}
