package dev.sceneway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.infra.SharedTestInfrastructure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class StartupValidationIT {

    private static final String DATABASE_URL = SharedTestInfrastructure.freshDatabase("auth_startup");

    @Test
    void startWhenKeyEncryptionKeyIsNot32BytesThenFailsNamingTheProperty() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> start("sandbox", "--sceneway.auth.key-encryption-key=" + sixteenBytes))
                .satisfies(e -> assertThat(messages(e))
                        .contains("sceneway.auth.key-encryption-key must be the base64 encoding of exactly 32 bytes"));
    }

    @Test
    void startWhenDefaultProfileHasNoKeyEncryptionKeyThenFailsNamingTheProperty() {
        assertThatThrownBy(() -> start("default"))
                .satisfies(e -> assertThat(messages(e))
                        .contains("sceneway.auth.key-encryption-key is required"));
    }

    @Test
    void startWhenASandboxClientsWebhookUrlBreaksTheUrlRulesThenFailsNamingTheClient() {
        assertThatThrownBy(() -> start("sandbox", "--sceneway.auth.sandbox-clients[0].client-id=hooked-demo",
                "--sceneway.auth.sandbox-clients[0].name=Hooked demo",
                "--sceneway.auth.sandbox-clients[0].secret=hooked-demo-secret",
                "--sceneway.auth.sandbox-clients[0].scopes=products",
                "--sceneway.auth.sandbox-clients[0].webhook-url=ftp://localhost/hooks"))
                .satisfies(e -> assertThat(messages(e)).contains(
                        "sceneway.auth.sandbox-clients[hooked-demo].webhook-url: webhook_uri must be an http or "
                                + "https URL"));
    }

    @Test
    void startWhenWebhookMaxAttemptsIsZeroThenFailsNamingTheProperty() {
        assertThatThrownBy(() -> start("sandbox", "--sceneway.auth.webhooks.max-attempts=0"))
                .satisfies(e -> assertThat(messages(e)).contains("sceneway.auth.webhooks")
                        .contains("maxAttempts"));
    }

    private static void start(String profile, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--sceneway.auth.issuer=http://localhost:9000", "--spring.datasource.url=" + DATABASE_URL,
                "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password()));
        arguments.addAll(List.of(extraArguments));
        new SpringApplicationBuilder(AuthServerApplication.class).profiles(profile)
                .run(arguments.toArray(String[]::new))
                .close();
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
