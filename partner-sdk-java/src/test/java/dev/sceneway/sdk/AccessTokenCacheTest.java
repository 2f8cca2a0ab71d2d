package dev.sceneway.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokenCacheTest {

    private final FakeSceneway sceneway = new FakeSceneway();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final ClientCredentials credentials =
            new ClientCredentials(sceneway.tokenUrl(), "renovation-demo", "s3cret:+&", "products accounts");
    private final AccessTokenCache tokens = new AccessTokenCache(credentials, HttpClient.newHttpClient(), clock,
            Duration.ofSeconds(30));

    AccessTokenCacheTest() throws Exception {
    }

    @AfterEach
    void stop() {
        sceneway.close();
    }

    @Test
    void tokenRequestIsClientCredentialsGrantWithClientSecretBasic() {
        assertThat(tokens.accessToken()).isEqualTo("token-1");

        FakeSceneway.Seen request = sceneway.tokenRequests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.body()).isEqualTo("grant_type=client_credentials&scope=products+accounts");
        String basic = new String(Base64.getDecoder().decode(request.authorization().substring("Basic ".length())),
                StandardCharsets.UTF_8);
        assertThat(basic).as("RFC 6749 2.3.1: form-encoded before base64").isEqualTo("renovation-demo:s3cret%3A%2B%26");
    }

    @Test
    void tokenIsReusedUntilTheRefreshMarginBeforeExpiry() {
        sceneway.expiresIn = 300;

        assertThat(tokens.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(269));
        assertThat(tokens.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.accessToken()).as("30 s before expiry").isEqualTo("token-2");
        assertThat(sceneway.tokensIssued()).isEqualTo(2);
    }

    @Test
    void shortLivedTokenIsRefreshedAfterHalfItsLifetimeNotOnEveryCall() {
        sceneway.expiresIn = 20;

        assertThat(tokens.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(9));
        assertThat(tokens.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.accessToken()).isEqualTo("token-2");
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        sceneway.tokenGate = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(tokens::accessToken));
            }
            sceneway.tokenGate.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("token-1");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(sceneway.tokenRequests).hasSize(1);
    }

    @Test
    void invalidatedTokenIsReplacedOnTheNextCall() {
        assertThat(tokens.accessToken()).isEqualTo("token-1");

        tokens.invalidate();

        assertThat(tokens.accessToken()).isEqualTo("token-2");
    }

    @Test
    void refusedTokenRequestNamesTheOAuthErrorButNotTheSecret() {
        sceneway.tokenStatus = 401;

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOfSatisfying(TokenRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_client");
                })
                .hasMessageContaining("renovation-demo")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void credentialsRefuseBlankValuesAndHideTheSecret() {
        assertThatThrownBy(() -> new ClientCredentials(sceneway.tokenUrl(), " ", "secret", "products"))
                .hasMessage("clientId must not be blank");
        assertThatThrownBy(() -> new ClientCredentials(java.net.URI.create("/oauth2/token"), "id", "secret", "products"))
                .hasMessageContaining("absolute http(s) URL");
        assertThat(credentials.toString()).doesNotContain("s3cret").contains("renovation-demo");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
