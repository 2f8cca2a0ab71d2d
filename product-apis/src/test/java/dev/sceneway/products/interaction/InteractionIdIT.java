package dev.sceneway.products.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import dev.sceneway.products.support.TestHttp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Every response carries the x-fapi-interaction-id: echoed, generated, or refused when malformed. */
class InteractionIdIT extends LakesideInstanceTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String UUID_FORM = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    @LocalServerPort
    int apiPort;

    @Test
    void interactionIdWhenCallerSendsAUuidThenEchoed() throws Exception {
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products")))
                        .header(InteractionIdFilter.HEADER, ID))
                .andExpect(status().isOk())
                .andExpect(header().string(InteractionIdFilter.HEADER, ID));
    }

    @Test
    void interactionIdWhenAbsentThenGeneratedPerRequest() throws Exception {
        String first = mvc.perform(get(PRODUCTS)
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products"))))
                .andExpect(header().string(InteractionIdFilter.HEADER, matchesPattern(UUID_FORM)))
                .andReturn().getResponse().getHeader(InteractionIdFilter.HEADER);
        String second = mvc.perform(get(PRODUCTS)
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products"))))
                .andReturn().getResponse().getHeader(InteractionIdFilter.HEADER);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void interactionIdWhenMalformedThenBadRequestNamingTheHeaderWithAGeneratedId() throws Exception {
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products")))
                        .header(InteractionIdFilter.HEADER, "1-1-1-1-1"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(InteractionIdFilter.HEADER, matchesPattern(UUID_FORM)))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/bad-request"))
                .andExpect(jsonPath("$.detail").value(
                        "Header 'x-fapi-interaction-id' must be a UUID (8-4-4-4-12 hexadecimal digits)."));
    }

    @Test
    void interactionIdWhenSecurityRejectsWithoutTokenThenStillEchoed() throws Exception {
        mvc.perform(get(PRODUCTS).header(InteractionIdFilter.HEADER, ID))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(InteractionIdFilter.HEADER, ID));
    }

    @Test
    void interactionIdWhenSecurityRejectsTheScopeThenStillEchoed() throws Exception {
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("accounts")))
                        .header(InteractionIdFilter.HEADER, ID))
                .andExpect(status().isForbidden())
                .andExpect(header().string(InteractionIdFilter.HEADER, ID));
    }

    @Test
    void interactionIdWhenNotFoundProblemThenStillEchoed() throws Exception {
        mvc.perform(get(PRODUCTS + "/no-such-loan")
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("products")))
                        .header(InteractionIdFilter.HEADER, ID))
                .andExpect(status().isNotFound())
                .andExpect(header().string(InteractionIdFilter.HEADER, ID));
    }

    @Test
    void interactionIdWhenInternalErrorProblemFromTheErrorPageThenStillEchoed() throws Exception {
        // What the container does after an exception escaped: an error dispatch to /error with status 500.
        mvc.perform(get("/error").header(InteractionIdFilter.HEADER, ID)
                        .with(request -> {
                            request.setDispatcherType(DispatcherType.ERROR);
                            return request;
                        })
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, PRODUCTS))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/internal-error"))
                .andExpect(header().string(InteractionIdFilter.HEADER, ID));
    }

    @Test
    void interactionIdWhenRealHttpThroughTheSecurityChainThenEchoedOn401() throws Exception {
        HttpResponse<String> response = TestHttp.get(apiPort, PRODUCTS, InteractionIdFilter.HEADER, ID);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue(InteractionIdFilter.HEADER)).hasValue(ID);
    }

    @Test
    void interactionIdWhenPathIsOutsideTheApiThenStillSet() throws Exception {
        mvc.perform(get("/nothing").header(InteractionIdFilter.HEADER, ID))
                .andExpect(header().string(InteractionIdFilter.HEADER, ID));
    }
}
