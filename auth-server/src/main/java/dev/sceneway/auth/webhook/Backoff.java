package dev.sceneway.auth.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before the next attempt of a delivery: exponential ({@code base × 2^(attempt-1)}, capped) with "equal
 * jitter": a uniform draw between half the nominal delay and all of it. The jitter spreads the retries of many
 * deliveries that failed together (a partner's outage) so they do not all return at the same instant; keeping the
 * lower half out means a retry is never much sooner than the schedule promises.
 */
final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (!base.isPositive() || base.compareTo(cap) > 0) {
            throw new IllegalArgumentException("base must be positive and at most cap, but was base=" + base
                    + ", cap=" + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The nominal delay after failed attempt number {@code attempt} (1 = the first attempt), before jitter. */
    Duration nominal(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, but was " + attempt);
        }
        Duration delay = base;
        for (int i = 1; i < attempt; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(cap) >= 0) {
                return cap;
            }
        }
        return delay;
    }

    /** The delay to wait after failed attempt number {@code attempt}: in [nominal / 2, nominal]. */
    Duration after(int attempt) {
        long nominal = nominal(attempt).toMillis();
        long half = nominal / 2;
        return Duration.ofMillis(half + random.nextLong(nominal - half + 1));
    }
}
