package dev.sceneway.gateway.consent;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Consents: where the consents API is served and how each replica caches the consent snapshots it enforces.
 *
 * @param uri the auth-server's base URI; {@code /v1/banks/{bankId}/consents/**} is routed there with the path and
 *        the {@code Authorization} and {@code DPoP} headers unchanged (the auth-server verifies the token itself)
 * @param enforce whether bank routes enforce consents at all (off only to benchmark the bare gateway)
 * @param cacheMaxEntries how many consent snapshots one replica keeps; the least used go first
 * @param cacheMaxAge the backstop: a cached snapshot is read again from Redis after this long even without a change
 *        notice (a notice lost on a connection that died silently is missed for at most this long)
 * @param storeTimeout the longest one round trip to Redis (snapshot read or daily counter) may take, at most
 *        200 ms; past it the call is refused with 503 {@code consent-unavailable} (fail closed)
 */
@ConfigurationProperties("sceneway.gateway.consents")
@Validated
public record ConsentProperties(
        @DefaultValue("http://localhost:9000") @NotNull URI uri,
        @DefaultValue("true") boolean enforce,
        @DefaultValue("100000") int cacheMaxEntries,
        @DefaultValue("30s") Duration cacheMaxAge,
        @DefaultValue("100ms") Duration storeTimeout) {

    static final Duration MAX_STORE_TIMEOUT = Duration.ofMillis(200);
    private static final Set<String> SCHEMES = Set.of("http", "https");

    public ConsentProperties {
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must be an absolute http(s) URI with a host, but was " + uri);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException(
                    "uri must not have a path (the request path is forwarded unchanged), but was " + uri);
        }
        if (cacheMaxEntries <= 0) {
            throw new IllegalArgumentException("cacheMaxEntries must be > 0, but was " + cacheMaxEntries);
        }
        if (cacheMaxAge.isNegative() || cacheMaxAge.isZero()) {
            throw new IllegalArgumentException("cacheMaxAge must be > 0, but was " + cacheMaxAge);
        }
        if (storeTimeout.isNegative() || storeTimeout.isZero() || storeTimeout.compareTo(MAX_STORE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("storeTimeout must be > 0 and <= 200ms, but was " + storeTimeout);
        }
    }
}
