package dev.sceneway.auth.webhook;

import dev.sceneway.auth.client.PartnerClientRepository;
import dev.sceneway.auth.problem.Problem;
import dev.sceneway.auth.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery log of a partner app for the portal (admin API, scope {@code admin}, like {@code /admin/clients}):
 * {@code GET /admin/clients/{clientId}/webhook-deliveries?limit=&cursor=}, newest first, each delivery with its
 * payload and every attempt. Cursor paging ({@code {"data": [...], "links": {"self", "next"}}}), as the public APIs
 * page.
 */
@RestController
@RequestMapping(path = "/admin/clients/{clientId}/webhook-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookDeliveryController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final PartnerClientRepository clients;
    private final WebhookStore store;
    private final JsonMapper json;

    WebhookDeliveryController(PartnerClientRepository clients, WebhookStore store, JsonMapper json) {
        this.clients = clients;
        this.store = store;
        this.json = json;
    }

    @GetMapping
    ResponseEntity<?> list(@PathVariable String clientId, @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor, HttpServletRequest request) {
        Integer size = parseLimit(limit);
        if (size == null) {
            return problem(ProblemType.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT + ".",
                    request);
        }
        PageCursor after = null;
        if (cursor != null) {
            after = PageCursor.decode(cursor).orElse(null);
            if (after == null) {
                return problem(ProblemType.BAD_REQUEST, "cursor is not one this API returned.", request);
            }
        }
        if (clients.findIncludingDisabled(clientId).isEmpty()) {
            return problem(ProblemType.NOT_FOUND, "No partner app has this client id.", request);
        }
        // One row more than asked tells whether a next page exists.
        List<WebhookStore.Delivery> rows = store.page(clientId, after, size + 1);
        List<WebhookStore.Delivery> page = rows.subList(0, Math.min(size, rows.size()));
        String base = request.getRequestURI() + "?limit=" + size;
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", cursor == null ? base : base + "&cursor=" + encode(cursor));
        if (rows.size() > size) {
            WebhookStore.Delivery last = page.getLast();
            links.put("next", base + "&cursor=" + new PageCursor(last.createdAt(), last.id()).encode());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.stream().map(this::view).toList());
        body.put("links", links);
        return ResponseEntity.ok(body);
    }

    private Map<String, Object> view(WebhookStore.Delivery delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", delivery.id().toString());
        view.put("type", delivery.eventType());
        view.put("consentId", delivery.consentId());
        view.put("status", delivery.status().name().toLowerCase(Locale.ROOT));
        view.put("createdAt", delivery.createdAt().toString());
        if (delivery.nextAttemptAt() != null) {
            view.put("nextAttemptAt", delivery.nextAttemptAt().toString());
        }
        if (delivery.finishedAt() != null) {
            view.put("finishedAt", delivery.finishedAt().toString());
        }
        view.put("payload", json.readTree(delivery.payload()));
        view.put("attempts", delivery.attemptLog().stream().map(WebhookDeliveryController::view).toList());
        return view;
    }

    private static Map<String, Object> view(WebhookStore.Attempt attempt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("attempt", attempt.attempt());
        view.put("at", attempt.at().toString());
        view.put("url", attempt.url());
        if (attempt.statusCode() != null) {
            view.put("statusCode", attempt.statusCode());
        }
        if (attempt.error() != null) {
            view.put("error", attempt.error());
        }
        view.put("durationMs", attempt.durationMillis());
        if (attempt.retryAt() != null) {
            view.put("retryAt", attempt.retryAt().toString());
        }
        return view;
    }

    private static @Nullable Integer parseLimit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            return value >= 1 && value <= MAX_LIMIT ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ResponseEntity<Problem> problem(ProblemType type, String detail, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.valueOf(type.status())).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problem.of(type, detail, request.getRequestURI()));
    }
}
