package dev.sceneway.products.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class ApiExceptionHandlerTest {

    @RestController
    static class FailingController {

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("connection to db-internal-7.lakeside.local:5432 refused");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();

    @Test
    void unexpectedExceptionThenGenericInternalErrorWithoutCauseClassOrHost() throws Exception {
        String body = mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type":"https://sceneway.dev/problems/internal-error","title":"Internal error","status":500,
                         "detail":"Something went wrong on our side; the error has been logged.","instance":"/boom"}""",
                        JsonCompareMode.STRICT))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).doesNotContain("IllegalStateException", "db-internal", "at dev.");
    }

    @Test
    void statusWithoutOwnCatalogueEntryThenMapsToBadRequestOrInternalError() {
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(406)).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(503)).isEqualTo(ProblemType.INTERNAL_ERROR);
    }
}
