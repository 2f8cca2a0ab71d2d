package dev.sceneway.auth.key;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys this replica uses now. A rotation (here, or on another replica, seen at the next
 * {@link #reload()}) swaps them atomically: the token encoder and the JWKS endpoint read {@link #current()} on every
 * use.
 */
public final class SigningKeyRing {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

    private final SigningKeyStore store;
    private final AtomicReference<SigningKeys> current;

    SigningKeyRing(SigningKeyStore store) {
        this.store = store;
        this.current = new AtomicReference<>(store.loadCreatingIfMissing());
    }

    public SigningKeys current() {
        return current.get();
    }

    /**
     * Rotates now: a new active key, the previous one still published; keys older than that are dropped once
     * {@code retention} (the longest token lifetime) has passed since the previous key took over.
     */
    public SigningKeys rotate(Duration retention) {
        SigningKeys rotated = store.rotate(retention);
        current.set(rotated);
        log.info("Rotated signing keys: {} signs, published {}", rotated.activeKeyId(),
                rotated.jwkSet().getKeys().stream().map(key -> key.getKeyID()).toList());
        return rotated;
    }

    /** Picks up a rotation made by another replica. */
    public SigningKeys reload() {
        SigningKeys loaded = store.loadCurrent();
        SigningKeys previous = current.getAndSet(loaded);
        if (!previous.activeKeyId().equals(loaded.activeKeyId())) {
            log.info("Signing key {} took over from {}", loaded.activeKeyId(), previous.activeKeyId());
        }
        return loaded;
    }
}
