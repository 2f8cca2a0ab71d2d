package dev.sceneway.products.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.products.problem.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class InteractionIdFilterTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final InteractionIdFilter filter = new InteractionIdFilter(new ProblemWriter(JsonMapper.builder().build()));

    @Test
    void requestWhenRunningThenInteractionIdIsInTheMdcAndRemovedAfterwards() throws Exception {
        AtomicReference<String> seenInMdc = new AtomicReference<>();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/banks/lakeside/credit/products");
        request.addHeader(InteractionIdFilter.HEADER, ID);

        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                seenInMdc.set(MDC.get(InteractionIdFilter.MDC_KEY));
            }
        }));

        assertThat(seenInMdc).hasValue(ID);
        assertThat(MDC.get(InteractionIdFilter.MDC_KEY)).isNull();
    }

    @Test
    void errorDispatchWhenTheRequestAlreadyHasAnIdThenAnswersWithItAndPutsItBackInTheMdc() throws Exception {
        AtomicReference<String> seenInMdc = new AtomicReference<>();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(InteractionIdFilter.ATTRIBUTE, ID);
        // The malformed header was answered on the first dispatch; the error dispatch must not answer it again.
        request.addHeader(InteractionIdFilter.HEADER, "not-a-uuid");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                seenInMdc.set(MDC.get(InteractionIdFilter.MDC_KEY));
            }
        }));

        assertThat(response.getHeader(InteractionIdFilter.HEADER)).isEqualTo(ID);
        assertThat(seenInMdc).hasValue(ID);
    }
}
