package dev.sceneway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sceneway.openapi.PublishedContracts.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaking-change gate on the real specs, and the proof that the gate catches what it should (on temporary
 * copies, through the same {@link PublishedContracts#check} the gate uses).
 */
class PublishedContractsTest {

    private static final Path SPECS = Path.of("specs");
    private static final Path PUBLISHED = Path.of("published");

    @TestFactory
    Stream<DynamicTest> everySpecIsCompatibleWithItsPublishedVersionOrBumpsTheMajor() {
        List<Path> specs = PublishedContracts.apiSpecs(SPECS);
        assertThat(specs).as("API specs in %s", SPECS.toAbsolutePath()).isNotEmpty();
        return specs.stream().map(spec -> dynamicTest(spec.getFileName().toString(), () -> {
            Verdict verdict = PublishedContracts.check(PUBLISHED, spec);
            assertTrue(verdict.passes(), verdict::report);
        }));
    }

    @Test
    void theSharedComponentsArePublishedWithTheSpecs() {
        // Specs are compared with their references resolved: without the published common.yaml nothing can be.
        assertThat(PUBLISHED.resolve(PublishedContracts.SHARED_COMPONENTS)).isRegularFile();
    }

    /** Each test starts from "published = current" in a temporary folder, then edits the current credit.yaml. */
    @Nested
    class TheGate {

        @TempDir
        Path root;

        private Path published;
        private Path credit;
        private String products;

        @BeforeEach
        void publishTheCurrentSpecs() throws IOException {
            published = Files.createDirectories(root.resolve("published"));
            Path specs = Files.createDirectories(root.resolve("specs"));
            try (Stream<Path> files = Files.list(SPECS)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, published.resolve(file.getFileName()));
                    Files.copy(file, specs.resolve(file.getFileName()));
                }
            }
            credit = specs.resolve("credit.yaml");
            products = "/v" + major() + "/banks/{bankId}/credit/products";
        }

        @Test
        void anUnchangedSpecPasses() {
            Verdict verdict = check();

            assertThat(verdict.passes()).as(verdict.report()).isTrue();
            assertThat(verdict.breakingChanges()).isEmpty();
        }

        @Test
        void removingAnOperationIsBreaking() throws IOException {
            String spec = Files.readString(credit);
            int start = spec.indexOf("  " + products + "/{productId}:\n");
            int end = spec.indexOf("\ncomponents:\n");
            assertThat(start).isPositive();
            Files.writeString(credit, spec.substring(0, start) + spec.substring(end + 1));

            assertBreaking(check(), "GET " + products + "/{productId}: operation removed");
        }

        @Test
        void droppingARequiredResponsePropertyIsBreaking() throws IOException {
            dropCurrencyFromCreditProduct();

            assertBreaking(check(),
                    "GET " + products + "/{productId}: response 200 application/json body: property currency no longer required",
                    "GET " + products + ": response 200 application/json body.data[]: property currency no longer required");
        }

        @Test
        void aNewRequiredQueryParameterIsBreaking() throws IOException {
            edit("        - $ref: 'common.yaml#/components/parameters/Limit'\n", """
                            - $ref: 'common.yaml#/components/parameters/Limit'
                            - name: channel
                              in: query
                              required: true
                              description: Where the products are shown.
                              schema:
                                type: string
                                maxLength: 20
                    """);

            assertBreaking(check(), "GET " + products + ": new required query parameter 'channel'");
        }

        @Test
        void renamingAnOperationIdIsBreaking() throws IOException {
            edit("operationId: getCreditProduct\n", "operationId: fetchCreditProduct\n");

            assertBreaking(check(), "GET " + products + "/{productId}: operationId changed (generated SDK methods are"
                    + " named after it)");
        }

        @Test
        void anOptionalResponsePropertyAndANewOperationAreNotBreaking() throws IOException {
            edit("      properties:\n        productId:\n", """
                          properties:
                            promotion:
                              type: string
                              maxLength: 200
                            productId:
                    """);
            edit("\ncomponents:\n", """

                      %s/{productId}/terms:
                        get:
                          operationId: getCreditProductTerms
                          responses:
                            '200':
                              description: The product's terms.
                              content:
                                application/json:
                                  schema:
                                    type: object
                    components:
                    """.formatted(products));

            Verdict verdict = check();

            assertThat(verdict.breakingChanges()).isEmpty();
            assertThat(verdict.passes()).as(verdict.report()).isTrue();
        }

        @Test
        void aBreakingChangeWithTheNextMajorVersionAndPathsPasses() throws IOException {
            dropCurrencyFromCreditProduct();
            int next = major() + 1;
            edit("\n  version: " + version() + "\n", "\n  version: " + next + ".0.0\n");
            Files.writeString(credit, Files.readString(credit).replace("/v" + (next - 1) + "/", "/v" + next + "/"));

            Verdict verdict = check();

            assertThat(verdict.breakingChanges()).as("still listed, for the release notes").isNotEmpty();
            assertThat(verdict.passes()).as(verdict.report()).isTrue();
        }

        @Test
        void aNewMajorVersionMustMoveThePathsToo() throws IOException {
            int next = major() + 1;
            edit("\n  version: " + version() + "\n", "\n  version: " + next + ".0.0\n");

            Verdict verdict = check();

            assertThat(verdict.passes()).isFalse();
            assertThat(verdict.problems()).contains("path " + products + " must start with /v" + next
                    + "/ (the major of info.version " + next + ".0.0)");
        }

        @Test
        void aVersionThatIsNotSemanticFails() throws IOException {
            edit("\n  version: " + version() + "\n", "\n  version: '1.1'\n");

            assertThat(check().problems()).contains("info.version must be semantic (major.minor.patch), but is 1.1");
        }

        @Test
        void aNewApiWithoutAPublishedVersionPasses() throws IOException {
            Files.delete(published.resolve("credit.yaml"));
            dropCurrencyFromCreditProduct();

            Verdict verdict = check();

            assertThat(verdict.publishedVersion()).isNull();
            assertThat(verdict.passes()).as(verdict.report()).isTrue();
        }

        private Verdict check() {
            return PublishedContracts.check(published, credit);
        }

        private void assertBreaking(Verdict verdict, String... changes) {
            assertThat(verdict.passes()).as(verdict.report()).isFalse();
            assertThat(verdict.breakingChanges()).contains(changes);
            assertThat(verdict.problems()).singleElement().asString()
                    .startsWith("incompatible with the published " + version() + " while info.version is "
                            + version());
        }

        private void dropCurrencyFromCreditProduct() throws IOException {
            edit("required: [productId, bankId, name, currency, ", "required: [productId, bankId, name, ");
            edit("        currency:\n          $ref: 'common.yaml#/components/schemas/CurrencyCode'\n", "");
        }

        private void edit(String from, String to) throws IOException {
            String spec = Files.readString(credit);
            assertThat(spec).as("credit.yaml changed: update this test's edit").contains(from);
            Files.writeString(credit, spec.replace(from, to));
        }

        private String version() {
            try {
                Matcher version = Pattern.compile("\n  version: (\\S+)\n")
                        .matcher(Files.readString(published.resolve("credit.yaml")));
                assertThat(version.find()).isTrue();
                return version.group(1);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private int major() {
            return Integer.parseInt(version().substring(0, version().indexOf('.')));
        }
    }
}
