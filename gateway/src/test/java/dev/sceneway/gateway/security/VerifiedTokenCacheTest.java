package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private final ReactiveJwtDecoder verifying = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "PS256").subject(token)
                .issuedAt(clock.instant()).expiresAt(clock.instant().plus(Duration.ofMinutes(5))).build());
    };

    @Test
    void decodeWhenTheSameTokenComesAgainThenItIsVerifiedOnce() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying, 10, clock);

        for (int i = 0; i < 5; i++) {
            assertThat(cache.decode("token-a").block().getSubject()).isEqualTo("token-a");
        }

        assertThat(verifications).hasValue(1);
    }

    @Test
    void decodeWhenTheCachedTokenHasExpiredThenItIsVerifiedAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying, 10, clock);
        cache.decode("token-a").block();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        cache.decode("token-a").block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void decodeWhenTokenFailsThenItIsNotCachedAndFailsEveryTime() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying, 10, clock);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifications).hasValue(3);
    }

    @Test
    void sizeWhenMoreTokensThanTheBoundThenTheBoundHolds() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifying, 10, clock);

        for (int i = 0; i < 100; i++) {
            cache.decode("token-" + i).block();
        }

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void constructorWhenSizeIsZeroThenRefusedNamingIt() {
        assertThatThrownBy(() -> new VerifiedTokenCache(verifying, 0, clock))
                .hasMessageContaining("maximumSize must be > 0");
    }

}
