package dev.sceneway.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.AuthProperties.SandboxClient;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.MigratedDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

class SandboxClientRegistrarIT extends AuthServerTestSupport {

    @Autowired
    private SandboxClientSeeder seeder;

    @Autowired
    private AuthProperties properties;

    @Test
    void seederWhenRunASecondTimeThenNeitherFailsNorDuplicates() {
        ApplicationArguments noArguments = new DefaultApplicationArguments();

        seeder.run(noArguments);

        assertThat(jdbc.queryForList(
                "SELECT client_id FROM oauth2_registered_client WHERE client_id LIKE '%-demo' ORDER BY client_id",
                String.class))
                .containsExactly("checkout-demo", "fapi-demo", "renovation-demo");
    }

    @Test
    void privateKeyJwtDemoClientWhenSeededThenNoSecretItsKeysByValueAndTheCodeFlowGrants() {
        Map<String, Object> client = jdbc.queryForMap("SELECT client_secret, client_authentication_methods, "
                + "authorization_grant_types, redirect_uris FROM oauth2_registered_client WHERE client_id = ?",
                "fapi-demo");
        Map<String, Object> partner = jdbc.queryForMap("SELECT jwks, array_to_string(banks, ',') AS banks "
                + "FROM partner_client WHERE client_id = ?", "fapi-demo");

        assertThat(client.get("client_secret")).isNull();
        assertThat(client.get("client_authentication_methods")).isEqualTo("private_key_jwt");
        assertThat(String.valueOf(client.get("authorization_grant_types")).split(","))
                .containsExactlyInAnyOrder("client_credentials", "authorization_code", "refresh_token");
        assertThat(client.get("redirect_uris")).isEqualTo("http://localhost:8765/callback");
        assertThat(String.valueOf(partner.get("jwks"))).contains("\"kid\":\"fapi-demo-1\"").doesNotContain("\"d\"");
        assertThat(String.valueOf(partner.get("banks")).split(",")).containsExactlyInAnyOrder("lakeside", "harbour");
    }

    @Test
    void secretsWhenStoredThenBcryptHashesNotThePlainSecrets() {
        List<String> secrets = jdbc.queryForList(
                "SELECT client_secret FROM oauth2_registered_client WHERE client_id IN (?, ?)", String.class,
                "renovation-demo", "checkout-demo");

        assertThat(secrets).hasSize(2).allSatisfy(secret -> assertThat(secret).startsWith("{bcrypt}$2"));
        assertThat(secrets).doesNotContainAnyElementsOf(
                properties.sandboxClients().stream().map(SandboxClient::secret).filter(Objects::nonNull).toList());
    }

    @Test
    void registerMissingWhenTwoReplicasSeedAnEmptyDatabaseTogetherThenEachClientOnce() throws Exception {
        MigratedDatabase database = MigratedDatabase.create("auth_seed");
        List<SandboxClient> wanted = List.of(
                new SandboxClient("one", "one-secret", "One", Set.of("products"), List.of(), null, List.of(),
                        "http://localhost:8070/hooks"),
                new SandboxClient("two", "two-secret", "Two", Set.of("products", "accounts"), List.of(), null,
                        List.of(), null));
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> replica = () -> {
            var registrar = new SandboxClientRegistrar(new PartnerClientRepository(
                    new JdbcRegisteredClientRepository(database.jdbc()), database.jdbc(), Duration.ZERO),
                    PasswordEncoderFactories.createDelegatingPasswordEncoder(), database.jdbc(),
                    database.transactions());
            start.await(10, TimeUnit.SECONDS);
            return registrar.registerMissing(wanted);
        };

        int registered;
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> futures = List.of(replicas.submit(replica), replicas.submit(replica));
            start.countDown();
            registered = futures.get(0).get(30, TimeUnit.SECONDS) + futures.get(1).get(30, TimeUnit.SECONDS);
        }

        assertThat(registered).isEqualTo(2);
        assertThat(database.jdbc().queryForList(
                "SELECT client_id FROM oauth2_registered_client ORDER BY client_id", String.class))
                .containsExactly("one", "two");
        assertThat(database.jdbc().queryForList("SELECT webhook_url FROM partner_client ORDER BY client_id",
                String.class)).containsExactly("http://localhost:8070/hooks", null);
    }

    @Test
    void registerMissingWhenAKeptSandboxClientLacksAConfiguredScopeThenItGainsItAndKeepsItsOthers() {
        MigratedDatabase database = MigratedDatabase.create("auth_seed_scopes");
        var registrar = new SandboxClientRegistrar(new PartnerClientRepository(
                new JdbcRegisteredClientRepository(database.jdbc()), database.jdbc(), Duration.ZERO),
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), database.jdbc(), database.transactions());
        registrar.registerMissing(List.of(new SandboxClient("kept", "kept-secret", "Kept",
                Set.of("products", "accounts"), List.of(), null, List.of(), null)));

        int registered = registrar.registerMissing(List.of(new SandboxClient("kept", "kept-secret", "Kept",
                Set.of("accounts", "credit"), List.of(), null, List.of(), null)));

        assertThat(registered).isZero();
        assertThat(database.jdbc().queryForObject("SELECT scopes FROM oauth2_registered_client WHERE client_id = ?",
                String.class, "kept").split(",")).containsExactlyInAnyOrder("products", "accounts", "credit");
    }
}
