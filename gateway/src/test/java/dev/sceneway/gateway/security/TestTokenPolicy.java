package dev.sceneway.gateway.security;

import java.time.Duration;

/** {@link TokenPolicyProperties} with its defaults, and variations, for tests that build beans by hand. */
final class TestTokenPolicy {

    private TestTokenPolicy() {
    }

    static TokenPolicyProperties defaults() {
        return new TokenPolicyProperties(true, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMinutes(10),
                true, 100_000);
    }
}
