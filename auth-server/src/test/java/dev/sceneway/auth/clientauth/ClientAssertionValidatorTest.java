package dev.sceneway.auth.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class ClientAssertionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final String ISSUER = "https://auth.sceneway.test";

    @Test
    void validateWhenRedisIsUnreachableThenRefusesRatherThanSkippingTheReplayCheck() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", 1),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        unreachable.afterPropertiesSet();
        try {
            StringRedisTemplate redis = new StringRedisTemplate(unreachable);
            ClientAssertionValidator validator = new ClientAssertionValidator("app", ISSUER, Duration.ofMinutes(5),
                    Duration.ofSeconds(30), new AssertionReplayCache(redis), Clock.fixed(NOW, ZoneOffset.UTC));

            OAuth2TokenValidatorResult result = validator.validate(assertion());

            assertThat(result.hasErrors()).isTrue();
            assertThat(result.getErrors()).first().satisfies(error -> {
                assertThat(error.getErrorCode()).isEqualTo("invalid_client");
                assertThat(error.getDescription()).contains("replay check is unavailable");
            });
        } finally {
            unreachable.destroy();
        }
    }

    private static Jwt assertion() {
        return Jwt.withTokenValue("t").header("alg", "PS256").issuer("app").subject("app").audience(List.of(ISSUER))
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(60)).jti("j-1").build();
    }
}
