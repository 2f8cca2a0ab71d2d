package dev.sceneway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.infra.PostgresServer;
import dev.sceneway.infra.RedisServerHandle;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ServiceCommandsTest {

    private final SandboxSettings settings = SandboxSettings.standard(Path.of("."), null);
    private final ServiceCommands commands = new ServiceCommands(settings, new FixedPostgres(), new FixedRedis());

    @Test
    void gatewayRoutesEachBankToItsOwnProductApisAndVerifiesTokensOfTheSandboxIssuer() {
        assertThat(commands.arguments(ServiceCommands.GATEWAY)).contains(
                "--server.port=8080",
                "--management.server.port=9080",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6380",
                "--sceneway.gateway.issuer=http://localhost:9000",
                "--sceneway.gateway.jwk-set-uri=http://localhost:9000/oauth2/jwks",
                "--sceneway.gateway.banks.lakeside.uri=http://127.0.0.1:8090",
                "--sceneway.gateway.banks.harbour.uri=http://127.0.0.1:8091",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/sceneway_gateway");
    }

    @Test
    void gatewayMetersIntoItsOwnDatabase() {
        assertThat(commands.arguments(ServiceCommands.GATEWAY)).contains(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/sceneway_gateway",
                "--spring.datasource.username=postgres");
    }

    @Test
    void eachProductApisServesOneBankFromTheSharedProductsDatabase() {
        assertThat(commands.arguments(ServiceCommands.productApis("harbour"))).contains(
                "--server.port=8091",
                "--sceneway.bank.id=harbour",
                "--sceneway.bank.name=Harbour Rural Commercial Bank",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/sceneway_products",
                "--sceneway.security.jwk-set-uri=http://localhost:9000/oauth2/jwks",
                "--sceneway.credit.bureau.url=http://127.0.0.1:8095");
        assertThat(commands.module(ServiceCommands.productApis("harbour"))).isEqualTo("product-apis");
        assertThat(commands.managementPort(ServiceCommands.productApis("lakeside"))).isEqualTo(9090);
    }

    @Test
    void authServerIssuesAsTheSandboxIssuerFromItsOwnDatabase() {
        assertThat(commands.arguments(ServiceCommands.AUTH_SERVER)).contains(
                "--spring.profiles.active=sandbox",
                "--sceneway.auth.issuer=http://localhost:9000",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/sceneway_auth");
    }

    @Test
    void authServerUsesTheSandboxRedisForItsClientAssertionReplayCheck() {
        assertThat(commands.arguments(ServiceCommands.AUTH_SERVER)).contains(
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6380");
    }

    @Test
    void aBankThatIsNotInTheSandboxIsRefused() {
        assertThatThrownBy(() -> commands.arguments(ServiceCommands.productApis("atlantis")))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("atlantis");
    }

    @Test
    void settingsRefuseAHomeThatIsNotADirectory() {
        assertThatThrownBy(() -> SandboxSettings.standard(Path.of("no/such/dir"), null))
                .hasMessageContaining("repository root");
    }

    @Test
    void jvmOptionsCanBeOverriddenForTheServices() {
        assertThat(SandboxSettings.standard(Path.of("."), "-Xmx512m -XX:+UseG1GC").jvmOptions())
                .containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThat(settings.jvmOptions()).contains("-Xmx256m");
    }

    private static final class FixedPostgres implements PostgresServer {
        @Override public String host() { return "127.0.0.1"; }
        @Override public int port() { return 5433; }
        @Override public String username() { return "postgres"; }
        @Override public String password() { return "postgres"; }
        @Override public void createDatabaseIfMissing(String database) { }
        @Override public void recreateDatabase(String database) { }
        @Override public void close() { }
    }

    private record FixedRedis() implements RedisServerHandle {
        @Override public String host() { return "127.0.0.1"; }
        @Override public int port() { return 6380; }
        @Override public void close() { }
    }
}
