package dev.sceneway.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys this replica uses now, with a ready signer per key. A rotation (here, or on another replica, seen
 * at the next {@link #reload()}) swaps them atomically: the token encoder and the JWKS endpoint read
 * {@link #current()} or {@link #signer(String)} on every use.
 *
 * <p>The signers are made once per load, not per token: turning a JWK into a {@link java.security.PrivateKey} parses
 * its numbers, and the JDK's RSA keeps its blinding values per key object, so a fresh key object per token would
 * recompute them every time.
 */
public final class SigningKeyRing {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

    private final SigningKeyStore store;
    private final SigningProvider provider;
    private final AtomicReference<Loaded> current;

    SigningKeyRing(SigningKeyStore store, SigningProvider provider) {
        this.store = store;
        this.provider = provider;
        this.current = new AtomicReference<>(load(store.loadCreatingIfMissing()));
    }

    public SigningKeys current() {
        return current.get().keys();
    }

    /** The signer of the published key {@code keyId}, or {@code null} when no such key has a private part here. */
    public @Nullable JWSSigner signer(String keyId) {
        return current.get().signers().get(keyId);
    }

    /**
     * Rotates now: a new active key, the previous one still published; keys older than that are dropped once
     * {@code retention} (the longest token lifetime) has passed since the previous key took over.
     */
    public SigningKeys rotate(Duration retention) {
        SigningKeys rotated = store.rotate(retention);
        current.set(load(rotated));
        log.info("Rotated signing keys: {} signs, published {}", rotated.activeKeyId(),
                rotated.jwkSet().getKeys().stream().map(key -> key.getKeyID()).toList());
        return rotated;
    }

    /** Picks up a rotation made by another replica. */
    public SigningKeys reload() {
        SigningKeys loaded = store.loadCurrent();
        Loaded previous = current.get();
        if (previous.keys().equals(loaded)) {
            return previous.keys(); // unchanged: keep the signers (and their keys' blinding values)
        }
        current.set(load(loaded));
        if (!previous.keys().activeKeyId().equals(loaded.activeKeyId())) {
            log.info("Signing key {} took over from {}", loaded.activeKeyId(), previous.keys().activeKeyId());
        }
        return loaded;
    }

    private Loaded load(SigningKeys keys) {
        Map<String, JWSSigner> signers = new HashMap<>();
        for (JWK key : keys.jwkSet().getKeys()) {
            if (key instanceof RSAKey rsa && rsa.isPrivate()) {
                signers.put(rsa.getKeyID(), signer(rsa));
            }
        }
        return new Loaded(keys, Map.copyOf(signers));
    }

    private JWSSigner signer(RSAKey key) {
        try {
            RSASSASigner signer = new RSASSASigner(provider.own(key.toRSAPrivateKey()));
            signer.getJCAContext().setProvider(provider.provider());
            return signer;
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + key.getKeyID() + " is not a usable RSA private key", e);
        }
    }

    private record Loaded(SigningKeys keys, Map<String, JWSSigner> signers) {}
}
