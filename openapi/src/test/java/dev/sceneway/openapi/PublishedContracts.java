package dev.sceneway.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.BackwardIncompatibleProp;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

/**
 * The breaking-change gate: an API spec may only change incompatibly with its last published version (in
 * {@code published/}) when the major of its {@code info.version} goes up, which also moves its paths to
 * {@code /v<major>/}. A spec with no published version yet is a new API and passes.
 *
 * <p>Compatibility is judged by openapi-diff from a client's point of view: an operation, response status, required
 * response property or header removed, a new required request parameter or property, a narrower request schema, a
 * response enum with new values, a renamed operationId.
 * {@code common.yaml} is compared through the specs that reference it, so both folders hold their own copy.
 */
final class PublishedContracts {

    static final String SHARED_COMPONENTS = "common.yaml";

    /** openapi-diff's defaults, plus: a renamed operationId breaks the generated SDKs' method names. */
    private static final OpenApiDiffOptions DIFF_OPTIONS = OpenApiDiffOptions.builder()
            .configProperty(BackwardIncompatibleProp.OPERATION_ID_CHANGED.getPropertyName(), "true")
            .build();

    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");

    private PublishedContracts() {
    }

    /** The API specs of a folder: every {@code *.yaml} except the shared components. */
    static List<Path> apiSpecs(Path specsDir) {
        try (Stream<Path> files = Files.list(specsDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals(SHARED_COMPONENTS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the specs in " + specsDir, e);
        }
    }

    /** Checks {@code spec} against the file of the same name in {@code publishedDir}, if there is one. */
    static Verdict check(Path publishedDir, Path spec) {
        Path published = publishedDir.resolve(spec.getFileName());
        OpenAPI current = parse(spec);
        String version = current.getInfo() == null ? null : current.getInfo().getVersion();
        List<String> problems = new ArrayList<>(conventionViolations(current, version));
        if (!Files.isRegularFile(published)) {
            return new Verdict(spec.getFileName().toString(), null, version, List.of(), problems);
        }
        ChangedOpenApi diff = OpenApiCompare.fromLocations(published.toUri().toString(), spec.toUri().toString(),
                null, DIFF_OPTIONS);
        String publishedVersion = diff.getOldSpecOpenApi().getInfo().getVersion();
        List<String> breaking = diff.isIncompatible() ? BreakingChanges.of(diff) : List.of();
        if (!breaking.isEmpty() && !(major(version) > major(publishedVersion))) {
            problems.add("incompatible with the published " + publishedVersion + " while info.version is " + version
                    + ": bump the major version (and the /v<major>/ of the paths) or keep the change compatible");
        }
        if (major(version) < major(publishedVersion)) {
            problems.add("info.version " + version + " is older than the published " + publishedVersion);
        }
        return new Verdict(spec.getFileName().toString(), publishedVersion, version, breaking, problems);
    }

    private static List<String> conventionViolations(OpenAPI api, @Nullable String version) {
        List<String> problems = new ArrayList<>();
        if (version == null || !SEMVER.matcher(version).matches()) {
            problems.add("info.version must be semantic (major.minor.patch), but is " + version);
            return problems;
        }
        String prefix = "/v" + major(version) + "/";
        if (api.getPaths() != null) {
            api.getPaths().keySet().stream()
                    .filter(path -> !path.startsWith(prefix))
                    .forEach(path -> problems.add("path " + path + " must start with " + prefix
                            + " (the major of info.version " + version + ")"));
        }
        return problems;
    }

    private static int major(@Nullable String version) {
        Matcher semver = SEMVER.matcher(version == null ? "" : version);
        return semver.matches() ? Integer.parseInt(semver.group(1)) : -1;
    }

    private static OpenAPI parse(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalArgumentException("Cannot parse " + spec + ": " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /**
     * The outcome for one spec. {@code breakingChanges} lists what a client of the published version would trip on
     * (allowed with a major bump); {@code problems} is what fails the gate.
     */
    record Verdict(String spec, @Nullable String publishedVersion, @Nullable String version,
            List<String> breakingChanges, List<String> problems) {

        boolean passes() {
            return problems.isEmpty();
        }

        String report() {
            StringBuilder report = new StringBuilder(spec + " " + version + " (published: "
                    + (publishedVersion == null ? "none, a new API" : publishedVersion) + ")");
            problems.forEach(problem -> report.append("\n  - ").append(problem));
            if (!breakingChanges.isEmpty()) {
                report.append("\n  breaking changes:");
                breakingChanges.forEach(change -> report.append("\n    - ").append(change));
            }
            return report.toString();
        }
    }
}
