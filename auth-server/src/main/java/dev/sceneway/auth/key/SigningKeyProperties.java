package dev.sceneway.auth.key;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When signing keys rotate, and what signs with them ({@code sceneway.auth.signing-keys.*}).
 *
 * @param rotationInterval a key signs for this long, then a new one takes over (the old one stays published)
 * @param reloadInterval how often a replica re-reads the keys, to follow a rotation made by another replica; also
 *     how often it checks whether a rotation is due
 * @param nativeCrypto sign with AWS-LC (Amazon Corretto Crypto Provider) when its native library works on this
 *     platform, about four times faster than the JDK; {@code false} always signs with the JDK ({@link SigningProvider})
 */
@Validated
@ConfigurationProperties("sceneway.auth.signing-keys")
public record SigningKeyProperties(
        @DefaultValue("P30D") @NotNull Duration rotationInterval,
        @DefaultValue("PT1M") @NotNull Duration reloadInterval,
        @DefaultValue("true") boolean nativeCrypto) {

    @AssertTrue(message = "sceneway.auth.signing-keys.rotation-interval and reload-interval must be positive")
    public boolean isPositive() {
        return rotationInterval == null || reloadInterval == null
                || rotationInterval.isPositive() && reloadInterval.isPositive();
    }
}
