package dev.sceneway.auth.customer;

import dev.sceneway.auth.AuthProperties;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Each one-time code works once per customer (RFC 6238 section 5.2: "the verifier MUST NOT accept the second attempt
 * of the OTP after the successful validation"), on every replica: the used time step is remembered in Redis with
 * {@code SET NX} for as long as the window could still accept it. Redis failures propagate: the login fails closed.
 * Keys name the issuer: replicas of one authorization server share them, while two servers on one Redis (two sandboxes,
 * a test's extra server) keep apart, as their customers' logins are.
 */
@Component
class UsedCodes {

    static final String KEY_PREFIX = "sceneway:auth:totp-used:";
    /** The window spans three steps; a little more covers clock differences between replicas. */
    private static final Duration REMEMBER = Duration.ofSeconds(Totp.STEP_SECONDS * (2 * Totp.WINDOW + 2));

    private final StringRedisTemplate redis;
    private final String prefix;

    UsedCodes(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.prefix = KEY_PREFIX + properties.issuer() + ":";
    }

    /** True the first time {@code customer} uses the code of {@code step}. */
    boolean firstUse(String customer, long step) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(prefix + customer + ":" + step, "1",
                REMEMBER));
    }
}
