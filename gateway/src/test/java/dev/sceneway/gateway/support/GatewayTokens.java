package dev.sceneway.gateway.support;

import dev.sceneway.testing.TestTokens;
import java.util.UUID;

/**
 * {@link TestTokens} as the gateway's tests configure them: their issuer, one partner per token, e.g.
 * {@code GatewayTokens.partner("renovation-demo").scopes("products").sign()}. The verifying key is served by
 * {@link TestUpstreams#authServer()} as the JWKS.
 */
public final class GatewayTokens {

    public static final String ISSUER = "http://auth.sceneway.test";

    private GatewayTokens() {
    }

    public static TestTokens.Builder partner(String clientId) {
        return TestTokens.token(ISSUER, clientId);
    }

    /** A partner id no other test uses, so rate-limit buckets never interfere. */
    public static String uniquePartner(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
