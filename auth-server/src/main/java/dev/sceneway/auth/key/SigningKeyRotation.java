package dev.sceneway.auth.key;

import dev.sceneway.auth.AuthProperties;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Scheduled rotation: every {@code reload-interval}, re-reads the keys (another replica may have rotated) and rotates
 * when the active key has signed for longer than {@code rotation-interval}. Replicas rotating at the same moment queue
 * on the store's advisory lock; the second one sees the fresh key on its next check only, and its own rotation adds one
 * more overlap, which is harmless.
 *
 * <p>CAUTION: a key that another replica has just activated is unknown to this replica's JWKS until its next reload
 * (at most {@code reload-interval}); the gateway's refetch on an unknown kid may hit this replica in between. Keep the
 * reload interval short against the gateway's refetch interval.
 */
final class SigningKeyRotation implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

    private final SigningKeyRing ring;
    private final SigningKeyProperties properties;
    private final AuthProperties auth;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("signing-key-rotation").daemon().factory());

    SigningKeyRotation(SigningKeyRing ring, SigningKeyProperties properties, AuthProperties auth, Clock clock) {
        this.ring = ring;
        this.properties = properties;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        long period = properties.reloadInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            SigningKeys keys = ring.reload();
            if (keys.activeSince().plus(properties.rotationInterval()).isBefore(clock.instant())) {
                ring.rotate(auth.accessTokenTtl());
            }
        } catch (RuntimeException e) {
            log.warn("Signing key check failed; will retry in {}: {}", properties.reloadInterval(), e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
