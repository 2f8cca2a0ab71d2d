package dev.sceneway.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void freshDatabaseIsARealPostgresDatabaseThatStartsEmpty() throws Exception {
        String url = SharedTestInfrastructure.freshDatabase("infra");
        PostgresServer server = SharedTestInfrastructure.postgres();
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int)");
            statement.execute("INSERT INTO probe VALUES (42)");
            ResultSet rows = statement.executeQuery("SELECT id FROM probe");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        String again = SharedTestInfrastructure.freshDatabase("infra");
        assertThat(again).isNotEqualTo(url);
    }

    @Test
    void redisAnswersPingOverTheWire() throws Exception {
        RedisServerHandle redis = SharedTestInfrastructure.redis();
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    void externalServersAreTakenFromTheEnvironment() {
        var infrastructure = new Infrastructure(Map.of(
                "SCENEWAY_POSTGRES_HOST", "db.internal", "SCENEWAY_POSTGRES_PORT", "6543",
                "SCENEWAY_REDIS_HOST", "cache.internal"));
        PostgresServer postgres = infrastructure.postgres(0, null);
        assertThat(postgres.jdbcUrl("sceneway_auth")).isEqualTo("jdbc:postgresql://db.internal:6543/sceneway_auth");
        assertThat(infrastructure.redis(0)).extracting(RedisServerHandle::port).isEqualTo(6379);
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithItsName() {
        var infrastructure = new Infrastructure(Map.of("SCENEWAY_REDIS_HOST", "x", "SCENEWAY_REDIS_PORT", "six"));
        assertThatThrownBy(() -> infrastructure.redis(0))
                .hasMessageContaining("SCENEWAY_REDIS_PORT").hasMessageContaining("six");
    }

    @Test
    void aDatabaseNameThatIsNotAnIdentifierIsRefused() {
        assertThatThrownBy(() -> SharedTestInfrastructure.postgres().recreateDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
