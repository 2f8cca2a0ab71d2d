package dev.sceneway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsentPropertiesTest {

    private static final URI AUTH_SERVER = URI.create("http://localhost:9000");

    @Test
    void constructorWhenUriHasAPathThenFailsNamingTheRule() {
        assertThatThrownBy(() -> new ConsentProperties(URI.create("http://auth:9000/oauth2"), true, 10,
                Duration.ofSeconds(30), Duration.ofMillis(100)))
                .hasMessageStartingWith("uri must not have a path");
    }

    @Test
    void constructorWhenStoreTimeoutExceeds200msThenFails() {
        assertThatThrownBy(() -> new ConsentProperties(AUTH_SERVER, true, 10, Duration.ofSeconds(30),
                Duration.ofMillis(201)))
                .hasMessage("storeTimeout must be > 0 and <= 200ms, but was PT0.201S");
    }

    @Test
    void constructorWhenCacheBoundsAreNotPositiveThenFails() {
        assertThatThrownBy(() -> new ConsentProperties(AUTH_SERVER, true, 0, Duration.ofSeconds(30),
                Duration.ofMillis(100))).hasMessage("cacheMaxEntries must be > 0, but was 0");
        assertThatThrownBy(() -> new ConsentProperties(AUTH_SERVER, true, 10, Duration.ZERO,
                Duration.ofMillis(100))).hasMessage("cacheMaxAge must be > 0, but was PT0S");
    }
}
