package dev.sceneway.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The API documentation, the only unauthenticated content of the public port: Swagger UI at {@code /docs} (the
 * {@code org.webjars:swagger-ui} files plus our page and initializer) showing the specs, which are served exactly
 * as the {@code dev.sceneway:openapi} jar holds them, at {@code /openapi/<name>.yaml}. Every path is an exact
 * route: no directory listing, no other file of the webjar or the classpath, no traversal. Any other path falls
 * through to the gateway's 404 problem. (Boot's default static resource mappings are off: see application.yml.)
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    /** The specs in the openapi jar; credit.yaml refers to common.yaml by relative URL, so both are served. */
    static final List<String> SPECS = List.of("credit", "common");

    /** The webjar files our page loads; nothing else of the webjar (its petstore index.html, source maps). */
    static final Map<String, MediaType> SWAGGER_UI_ASSETS = Map.of(
            "swagger-ui.css", MediaType.valueOf("text/css"),
            "index.css", MediaType.valueOf("text/css"),
            "swagger-ui-bundle.js", MediaType.valueOf("text/javascript"),
            "swagger-ui-standalone-preset.js", MediaType.valueOf("text/javascript"),
            "favicon-32x32.png", MediaType.IMAGE_PNG,
            "favicon-16x16.png", MediaType.IMAGE_PNG);

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");
    private static final MediaType JAVASCRIPT = MediaType.valueOf("text/javascript");
    /** The webjar's files change only with its version; the page and the specs may change with any release. */
    private static final CacheControl ASSET_CACHING = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
    private static final CacheControl REVALIDATE = CacheControl.noCache();

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes() {
        Resource page = required(new ClassPathResource("docs/index.html"));
        Resource initializer = required(new ClassPathResource("docs/swagger-initializer.js"));
        RouterFunctions.Builder routes = RouterFunctions.route()
                .GET("/docs", request -> serve(page, HTML, REVALIDATE))
                .GET("/docs/", request -> serve(page, HTML, REVALIDATE))
                .GET("/docs/swagger-initializer.js", request -> serve(initializer, JAVASCRIPT, REVALIDATE));
        String webjar = swaggerUiLocation();
        SWAGGER_UI_ASSETS.forEach((asset, type) -> {
            Resource resource = required(new ClassPathResource(webjar + asset));
            routes.GET("/docs/" + asset, request -> serve(resource, type, ASSET_CACHING));
        });
        for (String spec : SPECS) {
            Resource resource = required(new ClassPathResource("openapi/" + spec + ".yaml"));
            // RFC 9512: application/yaml, no charset parameter (YAML is UTF-8 here).
            routes.GET("/openapi/" + spec + ".yaml", request -> serve(resource, MediaType.APPLICATION_YAML, REVALIDATE));
        }
        return routes.build();
    }

    private static Mono<ServerResponse> serve(Resource resource, MediaType type, CacheControl caching) {
        return ServerResponse.ok().contentType(type).cacheControl(caching).bodyValue(resource);
    }

    /** The webjar's folder, {@code META-INF/resources/webjars/swagger-ui/<version>/}, from its Maven metadata. */
    static String swaggerUiLocation() {
        Properties properties = new Properties();
        try (InputStream in = required(new ClassPathResource(WEBJAR_PROPERTIES)).getInputStream()) {
            properties.load(in);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + WEBJAR_PROPERTIES, ex);
        }
        String version = properties.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(WEBJAR_PROPERTIES + " names no version");
        }
        return "META-INF/resources/webjars/swagger-ui/" + version + "/";
    }

    /** Fail at startup, not on a partner's first visit, when a file the docs need is not on the classpath. */
    private static Resource required(ClassPathResource resource) {
        if (!resource.exists()) {
            throw new IllegalStateException("API docs need classpath:" + resource.getPath()
                    + ", which is missing (are org.webjars:swagger-ui and dev.sceneway:openapi dependencies?)");
        }
        return resource;
    }
}
