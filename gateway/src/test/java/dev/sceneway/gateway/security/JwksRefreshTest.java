package dev.sceneway.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The gateway's JWKS cache against a real HTTP JWKS endpoint: key rotation, and the refetch rate limit. */
class JwksRefreshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WireMockServer authServer = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock();
    private ReactiveJwtDecoder decoder;

    @BeforeEach
    void start() {
        authServer.start();
        publish(TestTokens.publicJwks());
        TokenProperties properties = new TokenProperties(URI.create(GatewayTokens.ISSUER),
                URI.create(authServer.baseUrl() + "/oauth2/jwks"), TestTokens.AUDIENCE);
        // No verified-token cache here: every decode goes through the key lookup.
        TokenPolicyProperties policy = new TokenPolicyProperties(true, Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofMinutes(10), false, 10);
        decoder = AccessTokenDecoding.accessTokenDecoder(properties, policy, clock);
    }

    @AfterEach
    void stop() {
        authServer.stop();
    }

    @Test
    void decodeWhenTheAuthServerRotatedToANewKeyThenTheNewKidIsFetchedAndBothKeysVerify() {
        decoder.decode(GatewayTokens.partner("p").sign()).block(TIMEOUT);
        RSAKey next = newKey("rotated-" + UUID.randomUUID());
        publish(new JWKSet(List.of(TestTokens.publicJwks().getKeys().getFirst(), next.toPublicJWK())));
        clock.advance(Duration.ofSeconds(31));

        assertThat(decoder.decode(GatewayTokens.partner("p").signedBy(next).sign()).block(TIMEOUT).getSubject())
                .isEqualTo("p");
        assertThat(decoder.decode(GatewayTokens.partner("q").sign()).block(TIMEOUT).getSubject()).isEqualTo("q");
        authServer.verify(2, getRequestedFor(urlPathEqualTo("/oauth2/jwks")));
    }

    @Test
    void decodeWhenAFloodOfRandomKidsArrivesThenAtMostOneFetchPerInterval() {
        decoder.decode(GatewayTokens.partner("p").sign()).block(TIMEOUT);
        clock.advance(Duration.ofSeconds(31));

        for (int i = 0; i < 50; i++) {
            String forged = GatewayTokens.partner("p").signedBy(newKey("random-" + i)).sign();
            assertThatThrownBy(() -> decoder.decode(forged).block(TIMEOUT)).isInstanceOf(JwtException.class);
        }
        authServer.verify(2, getRequestedFor(urlPathEqualTo("/oauth2/jwks")));

        clock.advance(Duration.ofSeconds(31));
        String another = GatewayTokens.partner("p").signedBy(newKey("random-late")).sign();
        assertThatThrownBy(() -> decoder.decode(another).block(TIMEOUT)).isInstanceOf(JwtException.class);
        authServer.verify(3, getRequestedFor(urlPathEqualTo("/oauth2/jwks")));
    }

    @Test
    void decodeWhenAKnownKidArrivesThenNoFetchAfterTheFirst() {
        for (int i = 0; i < 5; i++) {
            decoder.decode(GatewayTokens.partner("p" + i).sign()).block(TIMEOUT);
        }

        authServer.verify(1, getRequestedFor(urlPathEqualTo("/oauth2/jwks")));
    }

    private void publish(JWKSet keys) {
        authServer.stubFor(get(urlPathEqualTo("/oauth2/jwks")).willReturn(aResponse()
                .withHeader("Content-Type", "application/jwk-set+json").withBody(keys.toString())));
    }

    /** One key pair generated once (RSA generation is slow); only the kid differs. */
    private static final RSAKey FOREIGN = generate();

    private static RSAKey newKey(String kid) {
        return new RSAKey.Builder(FOREIGN).keyID(kid).build();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
