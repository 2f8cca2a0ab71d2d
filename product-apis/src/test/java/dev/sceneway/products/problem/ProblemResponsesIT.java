package dev.sceneway.products.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import dev.sceneway.products.support.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Every way a request can fail ends in problem+json, also outside Spring MVC; actuator lives on its own port. */
class ProblemResponsesIT extends LakesideInstanceTest {

    @LocalServerPort
    int apiPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void unknownPathWhenAuthenticatedThenNotFoundProblem() throws Exception {
        mvc.perform(get("/v1/nothing-here")
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/not-found"))
                .andExpect(jsonPath("$.instance").value("/v1/nothing-here"));
    }

    @Test
    void pathWhenRejectedByTheSecurityFirewallThenBadRequestProblem() throws Exception {
        HttpResponse<String> response = TestHttp.get(apiPort, PRODUCTS + ";jsessionid=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://sceneway.dev/problems/bad-request\"")
                .doesNotContain("Exception");
        // Rejected before Spring MVC and rendered by the container's error page: still carries the interaction id.
        assertThat(response.headers().firstValue("x-fapi-interaction-id")).isPresent();
    }

    @Test
    void healthWhenAskedOnTheManagementPortThenUpWithoutToken() throws Exception {
        HttpResponse<String> response = TestHttp.get(managementPort, "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void healthWhenAskedOnTheApiPortThenNotServed() throws Exception {
        HttpResponse<String> response = TestHttp.get(apiPort, "/actuator/health");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("UP");
    }
}
