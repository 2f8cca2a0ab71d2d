package dev.sceneway.products.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.sceneway.openapi.ContractValidator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The one place where the tests check responses against the specs ({@code credit.yaml}, {@code accounts.yaml},
 * {@code payments.yaml}, chosen by the path). Every response a test receives on an
 * API path ({@code /v1/banks/...}) goes through {@link #check}: MockMvc calls it for every request
 * ({@link ContractValidationConfiguration}), real HTTP calls through {@link TestHttp}.
 *
 * <p>Exempt: paths outside {@code /v1/banks/} (actuator, {@code /nothing}), and requests the spec has no operation
 * for at all (a POST to a GET-only path, a path with a matrix parameter) — the validator would report only that
 * the request is out of the contract, which is what such a test means to send. Those responses must still follow
 * the conventions every response follows: an {@code x-fapi-interaction-id} UUID and a problem+json error body.
 */
public final class ContractResponses {

    public static final String API_PREFIX = "/v1/banks/";

    private static final Set<String> OUT_OF_CONTRACT_REQUEST = Set.of(
            "validation.request.path.missing", "validation.request.operation.notAllowed");
    private static final String UUID_FORM = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private ContractResponses() {
    }

    public static void check(String method, String pathWithQuery, int status, Map<String, List<String>> headers,
            @Nullable String body) {
        if (!pathWithQuery.startsWith(API_PREFIX)) {
            return;
        }
        ContractValidator spec = specFor(pathWithQuery);
        ValidationReport report = spec.validate(method, pathWithQuery, status, headers, body);
        if (!report.hasErrors()) {
            return;
        }
        boolean outOfContract = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .allMatch(message -> OUT_OF_CONTRACT_REQUEST.contains(message.getKey()));
        if (!outOfContract) {
            spec.assertConforms(method, pathWithQuery, status, headers, body); // throws, listing every violation
            return;
        }
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        String exchange = method + " " + pathWithQuery + " -> " + status;
        assertThat(byName.getOrDefault("x-fapi-interaction-id", List.of()))
                .as("x-fapi-interaction-id of %s", exchange)
                .singleElement().asString().matches(UUID_FORM);
        if (status >= 400) {
            assertThat(byName.getOrDefault("Content-Type", List.of()))
                    .as("Content-Type of %s", exchange)
                    .singleElement().asString().satisfies(type ->
                            assertThat(type.toLowerCase(Locale.ROOT)).startsWith("application/problem+json"));
        }
    }

    /** The spec that owns the path (accounts.yaml, payments.yaml...); credit.yaml for paths no spec owns. */
    static ContractValidator specFor(String pathWithQuery) {
        try {
            return ContractValidator.forPath(pathWithQuery);
        } catch (IllegalArgumentException noSpec) {
            return ContractValidator.of("credit");
        }
    }
}
