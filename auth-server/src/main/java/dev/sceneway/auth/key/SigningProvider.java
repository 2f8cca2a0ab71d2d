package dev.sceneway.auth.key;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider that makes this server's PS256 signatures. AWS-LC through the Amazon Corretto Crypto Provider signs
 * about four times faster than the JDK's {@code SunRsaSign} (RSA-2048 private-key operations in native code), which
 * decides how many tokens a core can issue; it is used when its native library loads and passes its self-tests on
 * this platform. Otherwise, or when {@code sceneway.auth.signing-keys.native-crypto=false}, the JDK's provider signs.
 * The provider is handed to the signers only: it is never installed JVM-wide, so TLS, verification, key storage and
 * random numbers stay on the JDK's providers. Both make the same standard RSASSA-PSS signatures: verifiers cannot tell.
 */
public final class SigningProvider {

    private static final Logger log = LoggerFactory.getLogger(SigningProvider.class);

    private final @Nullable Provider provider;
    private final String description;

    private SigningProvider(@Nullable Provider provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** The JDK's providers, as {@link java.security.Signature#getInstance(String)} picks them. */
    public static SigningProvider jdk() {
        return new SigningProvider(null, "the JDK's providers");
    }

    /** The native provider when {@code preferNative} and it works here, else {@link #jdk()}; logs which. */
    public static SigningProvider choose(boolean preferNative) {
        SigningProvider chosen = preferNative ? nativeIfHealthy() : jdk();
        log.info("PS256 signing with {}", chosen.description);
        return chosen;
    }

    private static SigningProvider nativeIfHealthy() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loading = accp.getLoadingError();
            if (loading != null) {
                log.info("Native crypto unavailable on this platform ({}); signing with the JDK", loading.toString());
                return jdk();
            }
            accp.assertHealthy();
            return new SigningProvider(accp, accp.getName() + " " + accp.getVersionStr() + " (" + accp.getAwsLcVersionStr() + ")");
        } catch (LinkageError | RuntimeException e) {
            log.warn("Native crypto failed its checks ({}); signing with the JDK", e.toString());
            return jdk();
        }
    }

    /**
     * {@code key} as the provider's own key object. The native provider would otherwise convert a JDK key into its
     * native form on every signature (about two thirds of its signing time).
     */
    public PrivateKey own(PrivateKey key) {
        if (provider == null) {
            return key;
        }
        try {
            return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(description + " cannot take a " + key.getAlgorithm() + " key", e);
        }
    }

    /** The provider to give a signer, or {@code null} for the JDK's default selection. */
    public @Nullable Provider provider() {
        return provider;
    }

    public boolean isNative() {
        return provider != null;
    }

    @Override
    public String toString() {
        return description;
    }
}
