package dev.sceneway.auth.clientauth;

import static dev.sceneway.auth.TestClientKeys.assertion;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClientKeys;
import dev.sceneway.auth.TestPartners;
import dev.sceneway.auth.client.ClientMetadata;
import dev.sceneway.auth.client.ClientRegistrations;
import dev.sceneway.auth.client.PartnerClient;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateKeyJwtIT extends AuthServerTestSupport {

    private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials");

    private final RSAKey rsaKey = TestClientKeys.rsa("rsa-1");
    private final ECKey ecKey = TestClientKeys.ec("ec-1");

    @Autowired
    private ClientRegistrations registrations;

    @Autowired
    private StringRedisTemplate redis;

    private String rsaClient;
    private String ecClient;

    @BeforeAll
    void registerClients() {
        rsaClient = registrations.create(TestPartners.privateKeyJwtApp("RSA app",
                TestClientKeys.publicJwks(rsaKey), List.of("lakeside")), null).clientId();
        ecClient = registrations.create(TestPartners.privateKeyJwtApp("EC app",
                TestClientKeys.publicJwks(ecKey), List.of("harbour", "lakeside")), null).clientId();
    }

    @Test
    void tokenWhenPs256AssertionThenAccessTokenWithTheApprovedBanks() throws Exception {
        HttpResponse<String> response = assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER),
                CLIENT_CREDENTIALS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(json(response).get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("client_id")).isEqualTo(rsaClient);
        assertThat(claims.getStringListClaim("banks")).containsExactly("lakeside");
    }

    @Test
    void tokenWhenEs256AssertionThenAccessToken() throws Exception {
        HttpResponse<String> response = assertionTokenRequest(ecClient, assertion(ecKey, ecClient, ISSUER),
                CLIENT_CREDENTIALS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(json(response).get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("banks")).containsExactly("harbour", "lakeside");
    }

    @Test
    void tokenWhenTheSameAssertionIsPresentedTwiceThenTheSecondIsRefused() {
        String once = assertion(rsaKey, rsaClient, ISSUER);

        assertThat(assertionTokenRequest(rsaClient, once, CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);
        assertInvalidClient(assertionTokenRequest(rsaClient, once, CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenAnotherReplicaAlreadySawTheJtiThenRefused() {
        String jti = UUID.randomUUID().toString();
        // What another replica leaves behind after accepting an assertion: the shared Redis entry.
        redis.opsForValue().set(AssertionReplayCache.KEY_PREFIX + rsaClient + ":" + jti, "1");

        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.jwtID(jti)), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenAssertionIsAcceptedThenItsJtiIsRememberedUntilItExpires() {
        String jti = UUID.randomUUID().toString();

        assertThat(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER, claims -> claims.jwtID(jti)),
                CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);

        Long ttl = redis.getExpire(AssertionReplayCache.KEY_PREFIX + rsaClient + ":" + jti);
        assertThat(ttl).isBetween(60L, 91L);
    }

    @Test
    void tokenWhenAudienceIsTheTokenEndpointRatherThanTheIssuerThenRefused() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.audience(ISSUER + "/oauth2/token")), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenAudienceHoldsTheIssuerAndAnotherValueThenRefused() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.audience(List.of(ISSUER, "https://elsewhere.example"))), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenExpIsMissingThenRefused() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.expirationTime(null)), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenExpIsAnHourAheadThenRefusedAsTooLong() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(3600)))), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenAssertionHasExpiredThenRefused() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120)))), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenJtiIsMissingThenRefused() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.jwtID(null)), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenIssuerIsAnotherClientThenRefused() {
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(rsaKey, rsaClient, ISSUER,
                claims -> claims.issuer(ecClient)), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenSignedWithAKeyTheClientDidNotRegisterThenRefused() {
        RSAKey stranger = TestClientKeys.rsa("rsa-1"); // same kid, other key
        assertInvalidClient(assertionTokenRequest(rsaClient, assertion(stranger, rsaClient, ISSUER),
                CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenSignedWithRs256ThenRefusedBecauseFapiAllowsOnlyPs256AndEs256() throws Exception {
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                SignedJWT.parse(assertion(rsaKey, rsaClient, ISSUER)).getJWTClaimsSet());
        rs256.sign(new RSASSASigner(rsaKey));

        assertInvalidClient(assertionTokenRequest(rsaClient, rs256.serialize(), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenAssertionIsMacSignedLikeClientSecretJwtThenRefused() throws Exception {
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                SignedJWT.parse(assertion(rsaKey, rsaClient, ISSUER)).getJWTClaimsSet());
        hs256.sign(new MACSigner("a shared secret of at least 256 bits....".getBytes(StandardCharsets.UTF_8)));

        assertInvalidClient(assertionTokenRequest(rsaClient, hs256.serialize(), CLIENT_CREDENTIALS));
    }

    @Test
    void tokenWhenClientIsDisabledThenRefusedAndWhenEnabledAgainThenIssued() {
        String clientId = registrations.create(TestPartners.privateKeyJwtApp("Soon disabled",
                TestClientKeys.publicJwks(rsaKey), List.of()), null).clientId();
        registrations.setStatus(clientId, PartnerClient.Status.DISABLED);

        assertInvalidClient(assertionTokenRequest(clientId, assertion(rsaKey, clientId, ISSUER), CLIENT_CREDENTIALS));

        registrations.setStatus(clientId, PartnerClient.Status.ACTIVE);
        assertThat(assertionTokenRequest(clientId, assertion(rsaKey, clientId, ISSUER), CLIENT_CREDENTIALS)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void tokenWhenKeysComeFromTheJwksUriThenAssertionVerifies() throws Exception {
        RSAKey remoteKey = TestClientKeys.rsa("remote-1");
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = TestClientKeys.publicJwks(remoteKey).getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            // The sandbox profile accepts a loopback jwks_uri; ProductionProfileIT shows the production refusal.
            String clientId = registrations.create(new ClientMetadata("Remote keys", ClientMetadata.PRIVATE_KEY_JWT,
                    List.of("client_credentials"), List.of(), List.of("products"), null,
                    "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", null, null, List.of()), null)
                    .clientId();

            assertThat(assertionTokenRequest(clientId, assertion(remoteKey, clientId, ISSUER), CLIENT_CREDENTIALS)
                    .statusCode()).isEqualTo(200);
            assertInvalidClient(assertionTokenRequest(clientId, assertion(rsaKey, clientId, ISSUER),
                    CLIENT_CREDENTIALS));
        } finally {
            jwks.stop(0);
        }
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }
}
