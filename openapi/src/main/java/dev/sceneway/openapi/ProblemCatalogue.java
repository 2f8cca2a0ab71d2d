package dev.sceneway.openapi;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The problem types of {@code common.yaml}'s {@code ProblemType}. The spec lists them as an extensible enum (so that
 * partners' generated clients survive a new type), which schema validation cannot enforce; this check does, so a
 * service that invents a type fails its contract tests.
 */
final class ProblemCatalogue {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = load();

    private ProblemCatalogue() {
    }

    static Set<String> types() {
        return TYPES;
    }

    /** A report with one error when {@code body} is problem+json whose {@code type} is not in the catalogue. */
    static ValidationReport check(Map<String, List<String>> headers, @Nullable String body) {
        if (body == null || !isProblemJson(headers)) {
            return ValidationReport.empty();
        }
        String type;
        try {
            JsonNode problem = JSON.readTree(body);
            type = problem.path("type").asText(null);
        } catch (IOException notJson) {
            return ValidationReport.empty(); // the schema validation reports unparseable bodies
        }
        if (type == null || TYPES.contains(type)) {
            return ValidationReport.empty();
        }
        return ValidationReport.singleton(ValidationReport.Message.create("sceneway.problem.type.unknown",
                "Problem type '" + type + "' is not in the catalogue of common.yaml (ProblemType).").build());
    }

    private static boolean isProblemJson(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(header -> header.getValue().stream())
                .anyMatch(value -> value.toLowerCase(Locale.ROOT).startsWith("application/problem+json"));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> load() {
        Schema<?> schema = new OpenAPIV3Parser().read("openapi/common.yaml").getComponents().getSchemas()
                .get("ProblemType");
        Object values = schema.getExtensions() == null ? null : schema.getExtensions().get("x-extensible-enum");
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalStateException("common.yaml's ProblemType must list its types in x-extensible-enum");
        }
        return ((List<Object>) list).stream().map(Object::toString).collect(Collectors.toUnmodifiableSet());
    }
}
