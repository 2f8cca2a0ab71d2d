package dev.sceneway.auth.client.registration;

import dev.sceneway.auth.client.ClientKeys;
import dev.sceneway.auth.client.ClientMetadata;
import dev.sceneway.auth.client.ClientMetadataException;
import dev.sceneway.auth.client.ClientProperties;
import dev.sceneway.auth.client.ClientRegistrations;
import dev.sceneway.auth.client.RegisteredPartner;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /register} (RFC 7591 section 3). The software statement is the caller's authorization: only partners
 * the platform approved hold one. Its claims are the approved metadata: a request member that also appears in the
 * statement must agree with it (lists may be narrower), and the statement's values are registered (section 2.3).
 * {@code banks} comes only from the statement. One client per {@code software_id}. Errors are RFC 7591 section
 * 3.2.2 bodies. Client management (RFC 7592) is the admin API's job, so no registration access token is issued.
 */
@RestController
class DynamicRegistrationController {

    /** Metadata members a software statement may fix; other claims (iss, exp, software_id, ...) are its own. */
    private static final List<String> METADATA = List.of("client_name", "token_endpoint_auth_method", "grant_types",
            "redirect_uris", "scope", "jwks", "jwks_uri", "token_endpoint_auth_signing_alg", "webhook_uri", "banks");
    private static final Set<String> NARROWABLE = Set.of("grant_types", "redirect_uris", "scope");

    private final ClientRegistrations registrations;
    private final SoftwareStatementVerifier statements;
    private final JsonMapper json;

    DynamicRegistrationController(ClientRegistrations registrations, ClientProperties properties, JsonMapper json) {
        this.registrations = registrations;
        String platformKeys = properties.softwareStatementJwks();
        this.statements = new SoftwareStatementVerifier(platformKeys == null || platformKeys.isBlank() ? null
                : ClientKeys.parsePublicJwks(platformKeys).orElseThrow(), properties.softwareStatementIssuer(),
                properties.assertionClockSkew(), Clock.systemUTC());
        this.json = json;
    }

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestBody JsonNode request) {
        if (!request.isObject()) {
            throw ClientMetadataException.invalid("the request body must be a JSON object");
        }
        JsonNode statement = request.get("software_statement");
        if (statement == null || !statement.isString()) {
            throw new ClientMetadataException(ClientMetadataException.INVALID_SOFTWARE_STATEMENT,
                    "software_statement is required: registration is open to partners the platform approved");
        }
        Map<String, Object> approved = statements.verify(statement.asString());
        ObjectNode merged = merge((ObjectNode) request, json.valueToTree(approved));
        RegisteredPartner created = registrations.create(ClientMetadata.from(merged),
                (String) approved.get("software_id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", created.clientId());
        body.put("client_id_issued_at", created.clientIdIssuedAt().getEpochSecond());
        if (created.clientSecret() != null) {
            body.put("client_secret", created.clientSecret());
            body.put("client_secret_expires_at", 0);
        }
        body.putAll(created.metadata().asJsonMembers(json));
        body.put("software_id", created.softwareId());
        body.put("software_statement", statement.asString());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
    }

    private ObjectNode merge(ObjectNode request, JsonNode statement) {
        ObjectNode merged = request.deepCopy();
        merged.remove("software_statement");
        merged.remove("banks");
        for (String name : METADATA) {
            JsonNode requested = request.get(name);
            JsonNode fixed = statement.get(name);
            boolean requestedPresent = requested != null && !requested.isNull();
            if (name.equals("banks")) {
                if (requestedPresent && !sameSet(requested, fixed == null ? json.createArrayNode() : fixed)) {
                    throw conflict(name);
                }
            } else if (requestedPresent && fixed != null && !fixed.isNull()) {
                boolean agrees = NARROWABLE.contains(name) ? subset(requested, fixed) : requested.equals(fixed);
                if (!agrees) {
                    throw conflict(name);
                }
                if (NARROWABLE.contains(name)) {
                    continue; // the narrower request stands
                }
            }
            if (fixed != null && !fixed.isNull()) {
                merged.set(name, fixed);
            }
        }
        return merged;
    }

    private static boolean subset(JsonNode requested, JsonNode fixed) {
        return values(fixed).containsAll(values(requested));
    }

    private static boolean sameSet(JsonNode a, JsonNode b) {
        return values(a).equals(values(b));
    }

    /** The values of an array, or the words of a space-delimited string (scope). */
    private static Set<String> values(JsonNode node) {
        Set<String> values = new HashSet<>();
        if (node.isArray()) {
            node.forEach(element -> values.add(element.isString() ? element.asString() : element.toString()));
        } else if (node.isString()) {
            values.addAll(Arrays.asList(node.asString().trim().split(" +")));
        } else {
            values.add(node.toString());
        }
        return values;
    }

    private static ClientMetadataException conflict(String name) {
        return ClientMetadataException.invalid(name + " conflicts with the software statement");
    }

    @ExceptionHandler(ClientMetadataException.class)
    ResponseEntity<Map<String, String>> refused(ClientMetadataException e) {
        return error(e.error(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable() {
        return error(ClientMetadataException.INVALID_CLIENT_METADATA, "the request body must be a JSON object");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> notJson() {
        return error(ClientMetadataException.INVALID_CLIENT_METADATA, "send the metadata as application/json");
    }

    private static ResponseEntity<Map<String, String>> error(String error, String description) {
        return ResponseEntity.badRequest().cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error, "error_description", description));
    }
}
