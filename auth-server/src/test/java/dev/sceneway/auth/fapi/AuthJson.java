package dev.sceneway.auth.fapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading JSON response bodies in the FAPI tests. */
final class AuthJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuthJson() {
    }

    static JsonNode read(String body) {
        return JSON.readTree(body);
    }

    static String field(String body, String name) {
        JsonNode value = read(body).get(name);
        if (value == null) {
            throw new AssertionError("no " + name + " in " + body);
        }
        return value.asString();
    }
}
