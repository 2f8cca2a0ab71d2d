package dev.sceneway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The sandbox customers' one-time codes from the shared authenticator app ({@link dev.sceneway.testing.TestTotp}),
 * and what only auth-server's tests need: a way to forget the codes the server saw used, so that many logins of one
 * customer within 30 s work.
 */
public final class TestTotp {

    private TestTotp() {
    }

    public static String now(String customer) {
        return dev.sceneway.testing.TestTotp.now(customer);
    }

    public static String at(String customer, Instant instant) {
        return dev.sceneway.testing.TestTotp.at(customer, instant);
    }

    /**
     * A customer's code at {@code clock}'s time, the server's memory of used codes forgotten first: for tests that log
     * the same customer in again and again (a code is accepted once).
     */
    public static Function<String, String> forgettingUsedCodes(StringRedisTemplate redis, Clock clock) {
        return customer -> {
            forgetUsedCodes(redis);
            return at(customer, clock.instant());
        };
    }

    /** Deletes the server's memory of used codes (Redis keys {@code sceneway:auth:totp-used:*}). */
    public static void forgetUsedCodes(StringRedisTemplate redis) {
        Set<String> keys = redis.keys("sceneway:auth:totp-used:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
