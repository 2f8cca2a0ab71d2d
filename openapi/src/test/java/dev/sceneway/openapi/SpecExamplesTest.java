package dev.sceneway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecExamplesTest {

    @Test
    void theProductExampleIsJsonThatConformsToItsOwnOperation() {
        String example = SpecExamples.responseExample("credit", "GET",
                "/v1/banks/{bankId}/credit/products/{productId}", 200);

        assertThat(example).contains("\"productId\":\"lakeside-renovation\"", "\"minAmount\":\"5000.00\"");
        ContractValidator.of("credit").assertConforms("GET", "/v1/banks/lakeside/credit/products/lakeside-renovation",
                200, Map.of("Content-Type", List.of("application/json"),
                        "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e")), example);
    }

    @Test
    void anOperationWithoutSuchAnExampleIsNamedInTheError() {
        assertThatThrownBy(() -> SpecExamples.responseExample("credit", "POST", "/v1/banks/{bankId}/credit/products", 200))
                .hasMessageContaining("POST /v1/banks/{bankId}/credit/products 200");
    }
}
