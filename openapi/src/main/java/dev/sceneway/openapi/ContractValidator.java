package dev.sceneway.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks an HTTP exchange against one of the specs in {@code openapi/specs}: status, headers, content type and body
 * of the response, errors included, and that a problem's {@code type} is in the catalogue. Test suites call
 * {@link #assertConforms} on every response they receive, so a service that drifts from its contract fails the
 * build.
 */
public final class ContractValidator {

    private static final Map<String, ContractValidator> BY_SPEC = new ConcurrentHashMap<>();
    /** The API specs, each owning the paths {@code /v1/banks/{bankId}/<name>/...}. */
    /** The spec owning each first path segment after the bank. */
    private static final Map<String, String> SPEC_OF_SEGMENT = Map.of(
            "accounts", "accounts", "deposits", "accounts", "consents", "consents", "credit", "credit",
            "payments", "payments", "refunds", "payments");

    private final String spec;
    private final OpenApiInteractionValidator validator;

    private ContractValidator(String spec) {
        this.spec = spec;
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl("openapi/" + spec + ".yaml")
                // Requests are ours to shape in tests (including deliberately bad ones); responses are the contract.
                // Still, an exchange on a path or method the spec does not have is a violation.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /** The validator of spec {@code name} (e.g. {@code credit}), loaded once per JVM. */
    public static ContractValidator of(String name) {
        return BY_SPEC.computeIfAbsent(name, ContractValidator::new);
    }

    /**
     * The validator of the spec that owns a public path {@code /v1/banks/{bankId}/<api>/...} (query allowed): the
     * spec owning its first segment after the bank ({@code accounts} and {@code deposits} in accounts.yaml,
     * {@code payments} and {@code refunds} in payments.yaml, {@code consents}, {@code credit}).
     *
     * @throws IllegalArgumentException for a path outside {@code /v1/banks/{bankId}/} or of no spec
     */
    public static ContractValidator forPath(String pathWithQuery) {
        int query = pathWithQuery.indexOf('?');
        String[] segments = (query < 0 ? pathWithQuery : pathWithQuery.substring(0, query)).split("/");
        // "", "v1", "banks", "{bankId}", "<api>", ...
        if (segments.length < 5 || !segments[1].equals("v1") || !segments[2].equals("banks")
                || !SPEC_OF_SEGMENT.containsKey(segments[4])) {
            throw new IllegalArgumentException("no spec owns " + pathWithQuery);
        }
        return of(SPEC_OF_SEGMENT.get(segments[4]));
    }

    /**
     * Fails with every violation when the response does not conform to the operation matching {@code method} and
     * {@code path} (which may carry a query string). A path that matches no operation of the spec is a violation.
     */
    public void assertConforms(String method, String path, int status, Map<String, List<String>> headers,
            @Nullable String body) {
        ValidationReport report = validate(method, path, status, headers, body);
        if (report.hasErrors()) {
            StringBuilder message = new StringBuilder(method + " " + path + " -> " + status + " does not conform to "
                    + spec + ".yaml:");
            report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> message.append("\n  - ").append(m.getKey()).append(": ").append(m.getMessage()));
            message.append("\n  body: ").append(body);
            throw new AssertionError(message.toString());
        }
    }

    /** The full report, for tests that assert a violation is found. */
    public ValidationReport validate(String method, String path, int status, Map<String, List<String>> headers,
            @Nullable String body) {
        int query = path.indexOf('?');
        SimpleRequest.Builder request = new SimpleRequest.Builder(
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator.validate(request.build(), response.build());
        return report.merge(ProblemCatalogue.check(headers, body));
    }
}
