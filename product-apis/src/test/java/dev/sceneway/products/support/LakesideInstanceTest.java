package dev.sceneway.products.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the tests against the sandbox lakeside instance. All subclasses share one Spring context, started on
 * real ports (API and management) so the tests that need real HTTP have it ({@link TestHttp}); most use MockMvc.
 * Every response on an API path, through either, is checked against credit.yaml ({@link ContractResponses}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", TestInstances.QUIET_CONTRACT_VALIDATOR})
@AutoConfigureMockMvc
@ActiveProfiles("sandbox")
@Import(ContractValidationConfiguration.class)
public abstract class LakesideInstanceTest {

    public static final String PRODUCTS = "/v1/banks/lakeside/credit/products";

    @Autowired
    protected MockMvc mvc;

    @DynamicPropertySource
    static void lakeside(DynamicPropertyRegistry registry) {
        TestInstances.register(registry, "lakeside");
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
