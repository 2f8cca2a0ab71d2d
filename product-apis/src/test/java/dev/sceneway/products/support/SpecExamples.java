package dev.sceneway.products.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/** Examples straight from the contract (credit.yaml in the openapi jar), so tests compare with the spec itself. */
public final class SpecExamples {

    private SpecExamples() {
    }

    /** The {@code application/json} example of {@code status} of {@code GET path} in credit.yaml, as JSON. */
    public static String creditGetExample(String path, int status) {
        Map<String, Object> spec = load("openapi/credit.yaml");
        Object example = walk(spec, "paths", path, "get", "responses", String.valueOf(status), "content",
                "application/json", "example");
        return JsonMapper.builder().build().writeValueAsString(example);
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = SpecExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (dev.sceneway:openapi)");
            }
            return new Yaml().load(in);
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
