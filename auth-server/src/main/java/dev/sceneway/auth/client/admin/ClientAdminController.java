package dev.sceneway.auth.client.admin;

import dev.sceneway.auth.client.ClientMetadata;
import dev.sceneway.auth.client.ClientMetadataException;
import dev.sceneway.auth.client.ClientRegistrations;
import dev.sceneway.auth.client.PartnerClient;
import dev.sceneway.auth.client.RegisteredPartner;
import dev.sceneway.auth.problem.Problem;
import dev.sceneway.auth.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner apps for the portal. Bodies use the RFC 7591 metadata names (see {@link ClientMetadata}); responses add
 * {@code client_id}, {@code client_id_issued_at}, {@code software_id} and {@code status}, and, once, a generated
 * {@code client_secret} (sandbox only).
 */
@RestController
@RequestMapping(path = "/admin/clients", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientAdminController {

    private final ClientRegistrations registrations;
    private final JsonMapper json;

    ClientAdminController(ClientRegistrations registrations, JsonMapper json) {
        this.registrations = registrations;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
        RegisteredPartner created = registrations.create(ClientMetadata.from(body), null);
        return ResponseEntity.created(URI.create("/admin/clients/" + created.clientId())).body(view(created));
    }

    @GetMapping("/{clientId}")
    ResponseEntity<?> read(@PathVariable String clientId, HttpServletRequest request) {
        return found(registrations.find(clientId), request);
    }

    @PutMapping(path = "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> update(@PathVariable String clientId, @RequestBody JsonNode body, HttpServletRequest request) {
        return found(registrations.update(clientId, ClientMetadata.from(body)), request);
    }

    /** Body {@code {"banks": ["lakeside", ...]}}: the banks that approved the app, replacing the previous list. */
    @PutMapping(path = "/{clientId}/banks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> banks(@PathVariable String clientId, @RequestBody JsonNode body, HttpServletRequest request) {
        if (!body.isObject() || !body.has("banks")) {
            throw ClientMetadataException.invalid("the body must be {\"banks\": [...]}");
        }
        return found(registrations.setBanks(clientId, ClientMetadata.from(body).banks()), request);
    }

    /** Body {@code {"jwks": {...}}} or {@code {"jwks_uri": "https://..."}}: the app's new public keys. */
    @PutMapping(path = "/{clientId}/keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> keys(@PathVariable String clientId, @RequestBody JsonNode body, HttpServletRequest request) {
        ClientMetadata keys = ClientMetadata.from(body);
        return found(registrations.setKeys(clientId, keys.jwks(), keys.jwksUri()), request);
    }

    /** Body {@code {"status": "disabled"}} or {@code {"status": "active"}}. */
    @PutMapping(path = "/{clientId}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> status(@PathVariable String clientId, @RequestBody JsonNode body, HttpServletRequest request) {
        JsonNode status = body.get("status");
        PartnerClient.Status wanted = status == null || !status.isString() ? null : switch (status.asString()) {
            case "active" -> PartnerClient.Status.ACTIVE;
            case "disabled" -> PartnerClient.Status.DISABLED;
            default -> null;
        };
        if (wanted == null) {
            throw ClientMetadataException.invalid("status must be \"active\" or \"disabled\"");
        }
        return found(registrations.setStatus(clientId, wanted), request);
    }

    @ExceptionHandler(ClientMetadataException.class)
    ResponseEntity<Problem> invalid(ClientMetadataException e, HttpServletRequest request) {
        return problem(Problem.of(ProblemType.INVALID_CLIENT_METADATA, e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpServletRequest request) {
        return problem(Problem.of(ProblemType.BAD_REQUEST, "The body must be a JSON object.",
                request.getRequestURI()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> notJson(HttpServletRequest request) {
        return problem(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send application/json.",
                request.getRequestURI()));
    }

    private ResponseEntity<?> found(Optional<RegisteredPartner> app, HttpServletRequest request) {
        return app.<ResponseEntity<?>>map(found -> ResponseEntity.ok(view(found)))
                .orElseGet(() -> problem(Problem.of(ProblemType.NOT_FOUND, "No partner app has this client id.",
                        request.getRequestURI())));
    }

    private Map<String, Object> view(RegisteredPartner app) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_id", app.clientId());
        view.put("client_id_issued_at", app.clientIdIssuedAt().getEpochSecond());
        if (app.clientSecret() != null) {
            view.put("client_secret", app.clientSecret());
            view.put("client_secret_expires_at", 0);
        }
        view.putAll(app.metadata().asJsonMembers(json));
        if (app.softwareId() != null) {
            view.put("software_id", app.softwareId());
        }
        view.put("status", app.status().name().toLowerCase(Locale.ROOT));
        return view;
    }

    private static ResponseEntity<Problem> problem(Problem problem) {
        return ResponseEntity.status(HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
