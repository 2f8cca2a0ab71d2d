package dev.sceneway.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Examples straight from the contract (credit.yaml in the openapi jar), so the test compares with the spec itself. */
final class SpecExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpecExamples() {
    }

    /** The {@code application/json} example of the 200 response of {@code GET pathTemplate} in credit.yaml. */
    static JsonNode creditGet200(String pathTemplate) {
        Object example = walk(load("openapi/credit.yaml"), "paths", pathTemplate, "get", "responses", "200", "content",
                "application/json", "example");
        return JSON.valueToTree(example);
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = SpecExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (dev.sceneway:openapi)");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object walk(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new IllegalStateException("credit.yaml has no '" + key + "' along " + String.join(" > ", keys));
            }
            current = map.get(key);
        }
        return current;
    }
}
