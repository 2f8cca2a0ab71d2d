package dev.sceneway.products.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultHandler;

/**
 * Makes the context's MockMvc check EVERY response against the contract ({@link ContractResponses}) before a
 * test's own expectations run: a test cannot forget it, and a response that drifts from credit.yaml fails every
 * test that sees it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ContractValidationConfiguration {

    @Bean
    MockMvcBuilderCustomizer contractValidation() {
        return builder -> builder.alwaysDo(conformsToContract());
    }

    static ResultHandler conformsToContract() {
        return (MvcResult result) -> {
            MockHttpServletRequest request = result.getRequest();
            MockHttpServletResponse response = result.getResponse();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : response.getHeaderNames()) {
                headers.put(name, new ArrayList<>(response.getHeaders(name)));
            }
            String query = request.getQueryString();
            ContractResponses.check(request.getMethod(),
                    request.getRequestURI() + (query == null ? "" : "?" + query),
                    response.getStatus(), headers, response.getContentAsString(StandardCharsets.UTF_8));
        };
    }
}
