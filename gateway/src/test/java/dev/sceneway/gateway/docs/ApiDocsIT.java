package dev.sceneway.gateway.docs;

import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTestContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

class ApiDocsIT extends GatewayTestContext {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/docs", "/docs/"})
    void docsWhenRequestedWithoutTokenThenSwaggerUiPageShowingOurSpecs(String path) {
        String page = client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueMatches(INTERACTION_ID, ".+")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("<div id=\"swagger-ui\">")
                .contains("src=\"/docs/swagger-ui-bundle.js\"")
                .contains("src=\"/docs/swagger-initializer.js\"");
        String initializer = client.get().uri("/docs/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).contains("url: \"/openapi/credit.yaml\"").doesNotContain("petstore");
    }

    @Test
    void swaggerUiAssetsWhenRequestedThenServedFromTheWebjarWithTheirContentTypes() {
        client.get().uri("/docs/swagger-ui.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css")
                .expectBody(String.class).value(css -> assertThat(css).contains(".swagger-ui"));
        client.get().uri("/docs/favicon-32x32.png").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.IMAGE_PNG)
                .expectBody().consumeWith(png -> assertThat(png.getResponseBodyContent()).hasSize(628));
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit", "common"})
    void specWhenRequestedWithoutTokenThenTheYamlOfTheOpenapiJar(String spec) throws IOException {
        String expected = new ClassPathResource("openapi/" + spec + ".yaml").getContentAsString(StandardCharsets.UTF_8);

        String served = client.get().uri("/openapi/" + spec + ".yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_YAML)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(served).isEqualTo(expected).startsWith("openapi: 3.");
    }

    /**
     * Sent as raw request targets (no client-side normalisation or re-encoding). Spring Security's firewall refuses
     * them before routing, as malformed (400), rather than as an unknown path (404).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "/openapi/../application.yml",
            "/openapi/%2e%2e/application.yml",
            "/openapi/..%2fapplication.yml",
            "/openapi/%2E%2E%2Fapplication.yml",
            "/openapi/credit.yaml/../../application.yml",
            "/docs/../application.yml",
            "/docs/..;/application.yml"})
    void pathWhenItTraversesThenBadRequestAndNothingOfTheClasspathIsServed(String rawPath) {
        String body = client.get().uri(raw(rawPath)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(INTERACTION_ID, ".+")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("https://sceneway.dev/problems/bad-request")
                .doesNotContain("spring:").doesNotContain("sceneway:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/openapi/",
            "/openapi",
            "/openapi/credit.yml",
            "/openapi/Credit.yaml",
            "/application.yml",
            "/ratelimit/token_bucket.lua",
            "/docs/index.html",
            "/docs/swagger-ui.js",
            "/docs/META-INF/maven/org.webjars/swagger-ui/pom.properties",
            "/webjars/swagger-ui/5.32.0/swagger-initializer.js",
            "/swagger-ui/5.32.0/index.html",
            "/dev/sceneway/gateway/GatewayApplication.class"})
    void pathWhenNotADocOrSpecThenNotFoundAndNothingOfTheClasspathIsServed(String rawPath) {
        String body = client.get().uri(raw(rawPath)).exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("https://sceneway.dev/problems/not-found")
                .doesNotContain("spring:").doesNotContain("redis.call").doesNotContain("version=");
    }

    @Test
    void specWhenNotInTheOpenapiJarThenNotFoundProblem() {
        assertProblem(client.get().uri("/openapi/nothing.yaml").exchange(), 404, "not-found", "/openapi/nothing.yaml");
    }

    private URI raw(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
