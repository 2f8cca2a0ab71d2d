package dev.sceneway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.test.util.JsonPathExpectationsHelper;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Checks an RFC 9457 response against the contract: content type, type URI, status, instance. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts the problem and returns the raw body for further checks. */
    public static String assertProblem(WebTestClient.ResponseSpec response, int status, String slug, String path) {
        return assertProblem(response.expectBody().returnResult(), status, slug, path);
    }

    public static String assertProblem(EntityExchangeResult<byte[]> result, int status, String slug, String path) {
        assertThat(result.getStatus().value()).as("status").isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).as("content type")
                .isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        byte[] raw = result.getResponseBodyContent();
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        new JsonPathExpectationsHelper("$.type").assertValue(body, "https://sceneway.dev/problems/" + slug);
        new JsonPathExpectationsHelper("$.status").assertValue(body, status);
        new JsonPathExpectationsHelper("$.title").assertValueIsNotEmpty(body);
        new JsonPathExpectationsHelper("$.detail").assertValueIsNotEmpty(body);
        new JsonPathExpectationsHelper("$.instance").assertValue(body, path);
        return body;
    }
}
