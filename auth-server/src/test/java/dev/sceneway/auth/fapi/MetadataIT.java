package dev.sceneway.auth.fapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RFC 8414 metadata advertises exactly what is enforced (FAPI 2.0 section 5.3.1.1), no more. */
class MetadataIT extends AuthServerTestSupport {

    private JsonNode metadata() {
        HttpResponse<String> response = get("/.well-known/oauth-authorization-server");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void metadataWhenRequestedThenOnlyTheEnforcedGrantsResponseTypesAndPkceMethod() {
        JsonNode metadata = metadata();

        assertThat(strings(metadata.get("grant_types_supported")))
                .containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
        assertThat(strings(metadata.get("response_types_supported"))).containsExactly("code");
        assertThat(strings(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(strings(metadata.get("dpop_signing_alg_values_supported")))
                .containsExactlyInAnyOrder("PS256", "ES256");
    }

    @Test
    void metadataWhenRequestedThenParIsRequiredAndIssIsReturned() {
        JsonNode metadata = metadata();

        assertThat(metadata.get("require_pushed_authorization_requests").asBoolean()).isTrue();
        assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.get("pushed_authorization_request_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/par");
        assertThat(metadata.get("introspection_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/introspect");
        assertThat(metadata.get("revocation_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/revoke");
    }

    @Test
    void metadataWhenSandboxProfileThenTheSandboxAuthMethodsAndNoMtlsOrDeviceFlow() {
        JsonNode metadata = metadata();

        // The sandbox profile allows client secrets (application-sandbox.yml); FapiProperties defaults to
        // private_key_jwt only.
        for (String field : List.of("token_endpoint_auth_methods_supported",
                "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported")) {
            assertThat(strings(metadata.get(field))).as(field)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
        }
        assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).isFalse();
        assertThat(metadata.has("device_authorization_endpoint")).isFalse();
        assertThat(metadata.has("userinfo_endpoint")).isFalse();
    }
}
