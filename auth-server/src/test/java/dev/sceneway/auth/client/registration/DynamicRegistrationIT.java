package dev.sceneway.auth.client.registration;

import static dev.sceneway.auth.TestClientKeys.assertion;
import static dev.sceneway.auth.TestClientKeys.softwareStatement;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sceneway.auth.AuthServerTestSupport;
import dev.sceneway.auth.TestClientKeys;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DynamicRegistrationIT extends AuthServerTestSupport {

    private final ECKey key = TestClientKeys.ec("partner-ec-1");

    @Test
    void registerWhenStatementIsSignedByThePlatformThenClientWithTheStatementsBanksAuthenticates() throws Exception {
        String statement = softwareStatement(claims -> claims.claim("client_name", "Garden planner")
                .claim("scope", "products accounts").claim("banks", List.of("harbour")));

        HttpResponse<String> response = register(statement, "\"scope\": \"products\"");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode registered = json(response);
        String clientId = registered.get("client_id").asString();
        assertThat(registered.get("client_name").asString()).isEqualTo("Garden planner");
        assertThat(registered.get("scope").asString()).as("the narrower request").isEqualTo("products");
        assertThat(registered.get("software_statement").asString()).isEqualTo(statement);
        assertThat(registered.get("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> token = assertionTokenRequest(clientId, assertion(key, clientId, ISSUER),
                Map.of("grant_type", "client_credentials"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(json(token).get("access_token").asString()).getJWTClaimsSet()
                .getStringListClaim("banks")).containsExactly("harbour");
    }

    @Test
    void registerWhenNoSoftwareStatementThenInvalidSoftwareStatement() {
        HttpResponse<String> response = jsonRequest("POST", "/register", null, body(null, ""));

        assertError(response, "invalid_software_statement");
    }

    @Test
    void registerWhenStatementIsUnsignedThenInvalidSoftwareStatement() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(TestClientKeys.PLATFORM_ISSUER)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("software_id", "s-1").build())
                .serialize();

        assertError(register(unsigned, ""), "invalid_software_statement");
    }

    @Test
    void registerWhenStatementIsSignedByAnotherKeyThenInvalidSoftwareStatement() {
        String forged = softwareStatement(TestClientKeys.rsa(TestClientKeys.PLATFORM.getKeyID()), claims -> claims);

        assertError(register(forged, ""), "invalid_software_statement");
    }

    @Test
    void registerWhenStatementHasExpiredThenInvalidSoftwareStatement() {
        String expired = softwareStatement(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(300))));

        assertError(register(expired, ""), "invalid_software_statement");
    }

    @Test
    void registerWhenStatementComesFromAnotherIssuerThenUnapproved() {
        String foreign = softwareStatement(claims -> claims.issuer("https://someone-else.example"));

        assertError(register(foreign, ""), "unapproved_software_statement");
    }

    @Test
    void registerWhenRequestNameConflictsWithTheStatementThenInvalidClientMetadata() {
        String statement = softwareStatement(claims -> claims.claim("client_name", "Garden planner"));

        HttpResponse<String> response = register(statement, "\"client_name\": \"Something else\"");

        assertError(response, "invalid_client_metadata");
        assertThat(json(response).get("error_description").asString()).contains("client_name");
    }

    @Test
    void registerWhenRequestAsksForAScopeTheStatementLacksThenInvalidClientMetadata() {
        String statement = softwareStatement(claims -> claims.claim("scope", "products"));

        assertError(register(statement, "\"scope\": \"products payments\""), "invalid_client_metadata");
    }

    @Test
    void registerWhenRequestNamesBanksTheStatementDoesNotApproveThenInvalidClientMetadata() {
        String statement = softwareStatement(claims -> claims.claim("banks", List.of("harbour")));

        assertError(register(statement, "\"banks\": [\"harbour\", \"lakeside\"]"), "invalid_client_metadata");
    }

    @Test
    void registerWhenTheSoftwareIdIsAlreadyRegisteredThenInvalidClientMetadata() {
        String softwareId = UUID.randomUUID().toString();
        assertThat(register(softwareStatement(claims -> claims.claim("software_id", softwareId)), "").statusCode())
                .isEqualTo(201);

        assertError(register(softwareStatement(claims -> claims.claim("software_id", softwareId)), ""),
                "invalid_client_metadata");
    }

    @Test
    void registerWhenBodyIsNotJsonThenInvalidClientMetadata() {
        assertError(jsonRequest("POST", "/register", null, "{nope"), "invalid_client_metadata");
    }

    private HttpResponse<String> register(String statement, String extraMembers) {
        return jsonRequest("POST", "/register", null, body(statement, extraMembers));
    }

    /** A request for a private_key_jwt client_credentials app with {@link #key}, plus {@code extraMembers}. */
    private String body(String statement, String extraMembers) {
        StringBuilder body = new StringBuilder("{\"jwks\": ").append(TestClientKeys.publicJwks(key));
        if (statement != null) {
            body.append(", \"software_statement\": \"").append(statement).append('"');
        }
        if (!extraMembers.contains("client_name")) {
            body.append(", \"client_name\": \"Garden planner\"");
        }
        if (!extraMembers.contains("scope")) {
            body.append(", \"scope\": \"products\"");
        }
        if (!extraMembers.isEmpty()) {
            body.append(", ").append(extraMembers);
        }
        return body.append('}').toString();
    }

    private static void assertError(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("error").asString()).isEqualTo(error);
        assertThat(response.body()).doesNotContain("client_id");
    }
}
