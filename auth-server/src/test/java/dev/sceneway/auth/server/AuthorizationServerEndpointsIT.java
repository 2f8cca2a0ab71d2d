package dev.sceneway.auth.server;

import static dev.sceneway.auth.TestPartners.renovationPartner;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import dev.sceneway.auth.AuthServerTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

class AuthorizationServerEndpointsIT extends AuthServerTestSupport {

    @LocalManagementPort
    private int managementPort;

    @Test
    void metadataWhenRequestedThenNamesTheConfiguredIssuerAndItsEndpoints() {
        HttpResponse<String> response = get("/.well-known/oauth-authorization-server");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = json(response);
        assertThat(metadata.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(metadata.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(metadata.get("grant_types_supported").valueStream().map(JsonNode::asString))
                .contains("client_credentials");
        assertThat(metadata.get("scopes_supported").valueStream().map(JsonNode::asString))
                .containsExactly("products", "accounts", "payments", "credit");
    }

    @Test
    void jwksWhenRequestedThenPublishesOnlyThePublicPartOfAPs256SigningKey() throws Exception {
        HttpResponse<String> response = get("/oauth2/jwks");

        assertThat(response.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(response.body());
        assertThat(keys.getKeys()).hasSize(1);
        JWK key = keys.getKeys().getFirst();
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.toRSAKey().size()).isEqualTo(2048);
    }

    @Test
    void tokenEndpointWhenGetThenMethodNotAllowedProblemNamingPost() {
        HttpResponse<String> response = get("/oauth2/token");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/method-not-allowed");
        assertThat(json(response).get("instance").asString()).isEqualTo("/oauth2/token");
    }

    @Test
    void introspectionWhenClientCredentialsTokenThenInactiveBecauseNothingIsStored() {
        String token = accessToken(renovationPartner(), "products");
        String basic = Base64.getEncoder().encodeToString(
                "renovation-demo:renovation-demo-secret".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("active").asBoolean()).isFalse();
    }

    @Test
    void healthWhenRequestedOnTheManagementPortThenUpAndAbsentFromTheApiPort() {
        HttpResponse<String> health = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).GET());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(404);
    }
}
