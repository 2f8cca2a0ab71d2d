package dev.sceneway.gateway.metering;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations of the API specs the gateway carries ({@code classpath:openapi/*.yaml}, from the openapi module),
 * so that a call is metered as {@code listCreditProducts} rather than as a raw path. Spec paths such as
 * {@code /v1/banks/{bankId}/credit/products/{productId}} are Spring {@link PathPattern}s as written; the most
 * specific pattern wins, as in Spring's own request mapping.
 */
final class SpecOperations {

    private static final String SPECS = "classpath*:openapi/*.yaml";
    /** Shared components, not an API. */
    private static final String SHARED_COMPONENTS = "common.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final String BANK_SEGMENT = "{bankId}";

    /** One spec operation: its method, path pattern, {@code operationId} and product. */
    record Operation(String method, PathPattern pattern, String operationId, String product) {
    }

    /** The operation a request matched, and the {@code bankId} its path named (if the path has one). */
    record Match(Operation operation, @Nullable String bankId) {
    }

    private final List<Operation> operations;
    private final Set<String> products;

    SpecOperations(List<Operation> operations) {
        this.operations = operations.stream()
                .sorted(Comparator.comparing(Operation::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
        this.products = operations.stream().map(Operation::product).collect(Collectors.toUnmodifiableSet());
    }

    /** Every operation of every spec on the classpath; fails at startup on a spec it cannot read. */
    static SpecOperations fromClasspath() {
        List<Operation> operations = new ArrayList<>();
        try {
            for (Resource spec : new PathMatchingResourcePatternResolver().getResources(SPECS)) {
                String name = spec.getFilename();
                if (name == null || name.equals(SHARED_COMPONENTS)) {
                    continue;
                }
                try (InputStream in = spec.getInputStream()) {
                    operations.addAll(parse(name.substring(0, name.length() - ".yaml".length()), in));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the API specs at " + SPECS, ex);
        }
        return new SpecOperations(operations);
    }

    @SuppressWarnings("unchecked")
    static List<Operation> parse(String specName, InputStream yaml) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> root) || !(root.get("paths") instanceof Map<?, ?> paths)) {
            return List.of();
        }
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Object>) paths).forEach((path, item) -> {
            if (!(item instanceof Map<?, ?> methods)) {
                return;
            }
            PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
            String product = productOf(path, specName);
            ((Map<String, Object>) methods).forEach((method, operation) -> {
                if (METHODS.contains(method) && operation instanceof Map<?, ?> details
                        && details.get("operationId") instanceof String operationId && !operationId.isBlank()) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), pattern, operationId, product));
                }
            });
        });
        return operations;
    }

    /** The segment after {@code {bankId}} ({@code credit} in {@code /v1/banks/{bankId}/credit/...}). */
    private static String productOf(String path, String specName) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals(BANK_SEGMENT)) {
                return segments[i + 1];
            }
        }
        return specName;
    }

    Optional<Match> match(String method, PathContainer path) {
        for (Operation operation : operations) {
            if (!operation.method().equals(method)) {
                continue;
            }
            PathPattern.PathMatchInfo info = operation.pattern().matchAndExtract(path);
            if (info != null) {
                return Optional.of(new Match(operation, info.getUriVariables().get("bankId")));
            }
        }
        return Optional.empty();
    }

    /** The products the specs define: a path segment is only metered as a product if it is one of these. */
    boolean isProduct(String segment) {
        return products.contains(segment);
    }

    List<Operation> operations() {
        return operations;
    }
}
