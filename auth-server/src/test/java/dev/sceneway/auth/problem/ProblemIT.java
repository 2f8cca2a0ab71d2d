package dev.sceneway.auth.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.AuthServerTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProblemIT extends AuthServerTestSupport {

    @Test
    void unknownPathWhenRequestedThenNotFoundProblem() {
        HttpResponse<String> response = get("/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://sceneway.dev/problems/not-found");
        assertThat(problem.get("title").asString()).isEqualTo("Not found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/nothing-here");
        assertThat(problem.propertyNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
    }

    @Test
    void unknownPathWhenPostedThenNotFoundProblemRatherThanACsrfRejection() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/nothing-here"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/not-found");
    }

    @Test
    void errorSentByAFilterWhenRenderedThenProblemJson() {
        // The authorization endpoint refuses a request that was not pushed (fapi package), outside Spring MVC.
        HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=nobody");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/bad-request");
        assertThat(json(response).get("instance").asString()).isEqualTo("/oauth2/authorize");
    }

    @Test
    void bodyWhenNotJsonThenBadRequestProblemWithoutTheParsersMessage() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(FailingTestController.ECHO_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": ")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/bad-request");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("JSON parse")
                .doesNotContain("Unexpected end");
    }

    @Test
    void failureWhenUnexpectedThenInternalErrorProblemWithoutTheCause() {
        HttpResponse<String> response = get(FailingTestController.PATH);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("https://sceneway.dev/problems/internal-error");
        assertThat(response.body()).doesNotContain(FailingTestController.SECRET_MESSAGE)
                .doesNotContain("IllegalStateException").doesNotContain("at dev.sceneway");
    }
}
