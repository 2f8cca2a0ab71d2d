package dev.sceneway.auth.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void nominalWhenAttemptsFailInARowThenTheDelayDoublesFromTheBase() {
        Backoff backoff = new Backoff(SECOND, TEN_MINUTES, new Random(1));

        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(backoff::nominal).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L);
    }

    @Test
    void nominalWhenDoublingPassesTheCapThenTheCapAndNeverAnOverflow() {
        Backoff backoff = new Backoff(SECOND, TEN_MINUTES, new Random(1));

        assertThat(backoff.nominal(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(backoff.nominal(11)).isEqualTo(TEN_MINUTES);
        assertThat(backoff.nominal(1_000)).isEqualTo(TEN_MINUTES);
    }

    @Test
    void afterWhenJitteredThenBetweenHalfTheNominalDelayAndAllOfIt() {
        Backoff backoff = new Backoff(SECOND, TEN_MINUTES, new Random(42));

        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration nominal = backoff.nominal(attempt);
            for (int draw = 0; draw < 200; draw++) {
                assertThat(backoff.after(attempt)).isBetween(nominal.dividedBy(2), nominal);
            }
        }
    }

    @Test
    void afterWhenTheRandomDrawsItsExtremesThenExactlyHalfAndExactlyTheNominal() {
        assertThat(new Backoff(SECOND, TEN_MINUTES, fixed(0)).after(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(SECOND, TEN_MINUTES, fixed(Long.MAX_VALUE)).after(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void afterWhenManyDeliveriesFailTogetherThenTheirRetriesSpreadOut() {
        Backoff backoff = new Backoff(SECOND, TEN_MINUTES, new Random(7));

        long distinct = java.util.stream.IntStream.range(0, 100).mapToObj(i -> backoff.after(5)).distinct().count();

        assertThat(distinct).as("retries of one outage do not all land on the same instant").isGreaterThan(50);
    }

    @Test
    void constructorWhenBaseExceedsCapThenRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(11), TEN_MINUTES, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most cap");
    }

    /** A generator whose bounded draws are always as low (0) or as high (Long.MAX_VALUE) as the bound allows. */
    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value == 0 ? 0 : bound - 1;
            }
        };
    }
}
