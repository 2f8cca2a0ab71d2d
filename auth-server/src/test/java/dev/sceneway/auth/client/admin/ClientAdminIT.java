package dev.sceneway.auth.client.admin;

import static dev.sceneway.auth.TestClientKeys.assertion;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClientKeys;
import dev.sceneway.auth.TestPartners;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ClientAdminIT extends AuthServerTestSupport {

    private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials");

    private final RSAKey key = TestClientKeys.rsa("app-1");

    @Test
    void adminApiWhenNoTokenThenAuthenticationRequiredProblem() {
        HttpResponse<String> response = jsonRequest("GET", "/admin/clients/renovation-demo", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString())
                .isEqualTo("https://sceneway.dev/problems/authentication-required");
    }

    @Test
    void adminApiWhenPartnerTokenWithoutAdminScopeThenForbiddenProblem() {
        String partnerToken = accessToken(TestPartners.renovationPartner(), "products");

        HttpResponse<String> response = jsonRequest("GET", "/admin/clients/renovation-demo", partnerToken, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/forbidden");
    }

    @Test
    void adminApiWhenTokenIsForgedThenAuthenticationRequired() {
        String forged = TestClientKeys.sign(TestClientKeys.rsa("not-ours"), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer(ISSUER).audience("sceneway-api").claim("scope", "admin").build());

        assertThat(jsonRequest("GET", "/admin/clients/renovation-demo", forged, null).statusCode()).isEqualTo(401);
    }

    @Test
    void partnerWhenAskingForScopeAdminThenInvalidScope() {
        HttpResponse<String> response = tokenRequest(TestPartners.checkoutPartner(),
                Map.of("grant_type", "client_credentials", "scope", "admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void lifecycleWhenCreatedReadUpdatedRekeyedAndDisabledThenTokensFollowEachChange() throws Exception {
        String admin = adminToken();
        HttpResponse<String> created = jsonRequest("POST", "/admin/clients", admin, """
                {"client_name": "Kitchen planner", "token_endpoint_auth_method": "private_key_jwt",
                 "grant_types": ["client_credentials"], "scope": "products accounts",
                 "jwks": %s, "banks": ["lakeside"], "webhook_uri": "https://hooks.kitchen.example/sceneway"}
                """.formatted(TestClientKeys.publicJwks(key)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientId = json(created).get("client_id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/admin/clients/" + clientId);
        assertThat(json(created).has("client_secret")).isFalse();

        JsonNode read = json(jsonRequest("GET", "/admin/clients/" + clientId, admin, null));
        assertThat(read.get("client_name").asString()).isEqualTo("Kitchen planner");
        assertThat(read.get("status").asString()).isEqualTo("active");
        assertThat(read.get("jwks").get("keys").get(0).get("kid").asString()).isEqualTo("app-1");
        assertThat(read.get("jwks").get("keys").get(0).has("d")).isFalse();
        assertThat(banksInToken(clientId, key)).isEqualTo("[\"lakeside\"]");

        assertThat(jsonRequest("PUT", "/admin/clients/" + clientId + "/banks", admin,
                "{\"banks\": [\"harbour\", \"lakeside\"]}").statusCode()).isEqualTo(200);
        assertThat(banksInToken(clientId, key)).isEqualTo("[\"harbour\",\"lakeside\"]");

        HttpResponse<String> renamed = jsonRequest("PUT", "/admin/clients/" + clientId, admin, """
                {"client_name": "Kitchen planner 2", "scope": "products", "jwks": %s, "banks": ["harbour"]}
                """.formatted(TestClientKeys.publicJwks(key)));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("client_name").asString()).isEqualTo("Kitchen planner 2");
        assertThat(json(renamed).get("scope").asString()).isEqualTo("products");

        RSAKey newKey = TestClientKeys.rsa("app-2");
        assertThat(jsonRequest("PUT", "/admin/clients/" + clientId + "/keys", admin,
                "{\"jwks\": " + TestClientKeys.publicJwks(newKey) + "}").statusCode()).isEqualTo(200);
        assertThat(assertionTokenRequest(clientId, assertion(key, clientId, ISSUER), CLIENT_CREDENTIALS)
                .statusCode()).as("the replaced key").isEqualTo(401);
        assertThat(banksInToken(clientId, newKey)).isEqualTo("[\"harbour\"]");

        HttpResponse<String> disabled = jsonRequest("PUT", "/admin/clients/" + clientId + "/status", admin,
                "{\"status\": \"disabled\"}");
        assertThat(json(disabled).get("status").asString()).isEqualTo("disabled");
        assertThat(assertionTokenRequest(clientId, assertion(newKey, clientId, ISSUER), CLIENT_CREDENTIALS)
                .statusCode()).as("a disabled client").isEqualTo(401);
        assertThat(json(jsonRequest("GET", "/admin/clients/" + clientId, admin, null)).get("status").asString())
                .isEqualTo("disabled");
    }

    @Test
    void createWhenScopeAdminIsAskedForThenInvalidClientMetadataProblem() {
        assertInvalidMetadata(create("{\"client_name\": \"x\", \"scope\": \"products admin\", \"jwks\": %s}"),
                "scope");
    }

    @Test
    void createWhenGrantTypeIsUnknownThenRefused() {
        assertInvalidMetadata(create("{\"client_name\": \"x\", \"scope\": \"products\", \"jwks\": %s, "
                + "\"grant_types\": [\"password\"]}"), "grant_types");
    }

    @Test
    void createWhenPrivateKeyJwtHasNoKeysThenRefused() {
        assertInvalidMetadata(jsonRequest("POST", "/admin/clients", adminToken(),
                "{\"client_name\": \"x\", \"scope\": \"products\"}"), "exactly one of jwks and jwks_uri");
    }

    @Test
    void createWhenBothJwksAndJwksUriThenRefused() {
        assertInvalidMetadata(create("{\"client_name\": \"x\", \"scope\": \"products\", \"jwks\": %s, "
                + "\"jwks_uri\": \"https://partner.example/jwks\"}"), "exactly one of jwks and jwks_uri");
    }

    @Test
    void createWhenJwksHoldsAPrivateKeyThenRefused() {
        HttpResponse<String> response = jsonRequest("POST", "/admin/clients", adminToken(),
                "{\"client_name\": \"x\", \"scope\": \"products\", \"jwks\": {\"keys\": [" + key.toJSONString()
                        + "]}}");

        assertInvalidMetadata(response, "public keys only");
    }

    @Test
    void createWhenJwksHoldsAWeakRsaKeyThenRefused() throws Exception {
        RSAKey weak = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(1024, true).keyID("weak").generate();

        assertInvalidMetadata(jsonRequest("POST", "/admin/clients", adminToken(), "{\"client_name\": \"x\", "
                + "\"scope\": \"products\", \"jwks\": " + TestClientKeys.publicJwks(weak) + "}"), "2048");
    }

    @Test
    void createWhenAuthorizationCodeWithoutRedirectUrisThenInvalidRedirectUri() {
        assertInvalidMetadata(create("{\"client_name\": \"x\", \"scope\": \"accounts\", \"jwks\": %s, "
                + "\"grant_types\": [\"authorization_code\"]}"), "redirect_uris is required");
    }

    @Test
    void createWhenBankIdIsMalformedThenRefused() {
        assertInvalidMetadata(create("{\"client_name\": \"x\", \"scope\": \"products\", \"jwks\": %s, "
                + "\"banks\": [\"Lake Side\"]}"), "banks");
    }

    @Test
    void createWhenBodyIsNotJsonThenBadRequestProblem() {
        HttpResponse<String> response = jsonRequest("POST", "/admin/clients", adminToken(), "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/bad-request");
    }

    @Test
    void readWhenClientIsUnknownThenNotFoundProblem() {
        HttpResponse<String> response = jsonRequest("GET", "/admin/clients/no-such-app", adminToken(), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/not-found");
    }

    @Test
    void statusWhenNeitherActiveNorDisabledThenRefused() {
        assertInvalidMetadata(jsonRequest("PUT", "/admin/clients/renovation-demo/status", adminToken(),
                "{\"status\": \"paused\"}"), "status");
    }

    private HttpResponse<String> create(String template) {
        return jsonRequest("POST", "/admin/clients", adminToken(),
                template.formatted(TestClientKeys.publicJwks(key)));
    }

    private String banksInToken(String clientId, RSAKey signingKey) throws Exception {
        HttpResponse<String> token = assertionTokenRequest(clientId, assertion(signingKey, clientId, ISSUER),
                CLIENT_CREDENTIALS);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String payload = SignedJWT.parse(json(token).get("access_token").asString()).getPayload().toString();
        return JSON.readTree(payload).get("banks").toString();
    }

    private static void assertInvalidMetadata(HttpResponse<String> response, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString())
                .isEqualTo("https://sceneway.dev/problems/invalid-client-metadata");
        assertThat(json(response).get("detail").asString()).contains(detailPart);
    }
}
