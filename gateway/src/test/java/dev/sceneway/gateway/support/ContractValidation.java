package dev.sceneway.gateway.support;

import dev.sceneway.openapi.ContractValidator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks every response a test's {@code WebTestClient} receives on a path of credit.yaml against the spec, errors
 * included, before the test sees it: a gateway that drifts from the contract fails whichever test noticed. Paths
 * outside the spec ({@code /docs}, {@code /nothing/here}) are exempt. Import {@link Config} into a test context.
 */
public final class ContractValidation {

    /** The paths of credit.yaml; the spec's own path matching then decides the operation. */
    private static final Pattern CREDIT_PATHS = Pattern.compile("/v1/banks/[^/]+/credit/(products(/[^/]+)?|quotes)");

    private ContractValidation() {
    }

    public static ExchangeFilterFunction filter() {
        return (request, next) -> next.exchange(request).flatMap(response -> {
            URI url = request.url();
            if (!CREDIT_PATHS.matcher(url.getRawPath()).matches()) {
                return Mono.just(response);
            }
            String pathWithQuery = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> {
                ContractValidator.of("credit").assertConforms(request.method().name(), pathWithQuery,
                        response.statusCode().value(), headers(response), new String(body, StandardCharsets.UTF_8));
                // The body was read to validate it: hand the test an identical response.
                return response.mutate()
                        .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)))
                        .build();
            });
        });
    }

    private static Map<String, List<String>> headers(ClientResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().asHttpHeaders().forEach(headers::put);
        return headers;
    }

    /** Registers {@link #filter()} on the context's auto-configured {@code WebTestClient}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        WebTestClientBuilderCustomizer contractValidation() {
            return builder -> builder.filter(filter());
        }
    }
}
