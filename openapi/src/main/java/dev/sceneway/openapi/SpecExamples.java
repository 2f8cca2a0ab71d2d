package dev.sceneway.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Examples straight from a spec, so tests can prove that the examples partners read are what the sandbox really
 * answers (the examples are real sandbox data, not prose).
 */
public final class SpecExamples {

    private static final Map<String, OpenAPI> SPECS = new ConcurrentHashMap<>();

    private SpecExamples() {
    }

    /** The {@code application/json} example of the {@code status} response of {@code method pathTemplate}, as JSON. */
    public static String responseExample(String spec, String method, String pathTemplate, int status) {
        OpenAPI api = SPECS.computeIfAbsent(spec, name -> new OpenAPIV3Parser().read("openapi/" + name + ".yaml"));
        String where = spec + ".yaml " + method + " " + pathTemplate + " " + status;
        PathItem path = api.getPaths().get(pathTemplate);
        Operation operation = path == null ? null
                : path.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        ApiResponse response = operation == null ? null : operation.getResponses().get(String.valueOf(status));
        MediaType json = response == null || response.getContent() == null ? null
                : response.getContent().get("application/json");
        if (json == null || json.getExample() == null) {
            throw new IllegalArgumentException("no application/json example at " + where);
        }
        try {
            return Json.mapper().writeValueAsString(json.getExample());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("example at " + where + " is not JSON: " + e.getMessage(), e);
        }
    }
}
