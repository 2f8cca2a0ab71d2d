package dev.sceneway.auth.token;

import dev.sceneway.auth.AuthProperties;
import dev.sceneway.auth.client.PartnerSettings;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.key.SigningKeyRing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes access tokens as the contract says (RFC 9068): header {@code alg=PS256}, {@code typ=at+jwt}, {@code kid} of
 * the active key; claims {@code aud} = the configured audience, {@code client_id}, {@code scope} as one
 * space-delimited string, sorted (RFC 9068 section 2.2.3), {@code banks} (the ids of the banks that approved the
 * client, a JSON array, possibly empty), {@code nbf = iat} and {@code exp = iat + access-token-ttl}.
 *
 * <p>A customer token whose authorization request named a consent also carries {@code consent_id} and
 * {@code consent} ({@link ConsentClaims}); it is issued only while that consent is Authorised.
 *
 * <p>The lifetime comes from configuration rather than each client's stored token settings, so that changing it
 * needs no data migration. {@code iss}, {@code sub} (the client id for client_credentials), {@code iat} and
 * {@code jti} are set by Spring's {@code JwtGenerator}.
 */
final class AccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String TOKEN_TYPE = "at+jwt";
    static final String BANKS_CLAIM = "banks";

    private final List<String> audience;
    private final Duration timeToLive;
    private final SigningKeyRing keys;
    private final ConsentClaims consentClaims;

    AccessTokenCustomizer(AuthProperties properties, SigningKeyRing keys, CustomerConsents consents) {
        this.audience = List.of(properties.audience());
        this.timeToLive = properties.accessTokenTtl();
        this.keys = keys;
        this.consentClaims = new ConsentClaims(consents);
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        // The kid pins the signing key, so the JWK set may hold further published keys (rotation).
        context.getJwsHeader().algorithm(SignatureAlgorithm.PS256).type(TOKEN_TYPE)
                .keyId(keys.current().activeKeyId());
        String clientId = context.getRegisteredClient().getClientId();
        // Sorted: scope order means nothing (RFC 6749 section 3.3), but equal grants should give equal claims.
        List<String> scopes = context.getAuthorizedScopes().stream().sorted().toList();
        String consentId = ConsentClaims.consentId(context.getAuthorization());
        context.getClaims().claims(claims -> {
            if (consentId != null) {
                consentClaims.add(consentId, context.getPrincipal(), claims);
            }
            Instant issuedAt = (Instant) claims.get(JwtClaimNames.IAT);
            claims.put(JwtClaimNames.NBF, issuedAt);
            claims.put(JwtClaimNames.EXP, issuedAt.plus(timeToLive));
            // A mutable list: customer grants are stored with their claims, and the stored JSON may only name
            // types Spring Security's Jackson allowlist accepts (ArrayList is one, List.of's classes are not).
            claims.put(JwtClaimNames.AUD, new ArrayList<>(audience));
            claims.put("client_id", clientId);
            // The banks that approved the client: the gateway refuses a call to any other bank. Mutable for the
            // same reason as aud: a customer grant stores these claims.
            claims.put(BANKS_CLAIM, new ArrayList<>(PartnerSettings.banks(context.getRegisteredClient())));
            if (scopes.isEmpty()) {
                claims.remove("scope");
            } else {
                claims.put("scope", String.join(" ", scopes));
            }
        });
    }
}
