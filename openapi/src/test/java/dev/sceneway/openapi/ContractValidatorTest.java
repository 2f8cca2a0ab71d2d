package dev.sceneway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {

    private static final String PRODUCTS = "/v1/banks/lakeside/credit/products";
    private static final Map<String, List<String>> JSON = Map.of(
            "Content-Type", List.of("application/json"),
            "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e"));
    private static final Map<String, List<String>> PROBLEM = Map.of(
            "Content-Type", List.of("application/problem+json"),
            "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
            "WWW-Authenticate", List.of("Bearer"));
    private static final String PRODUCT = """
            {"productId":"lakeside-renovation","bankId":"lakeside","name":"Home renovation loan","currency":"EUR",
             "minAmount":"5000.00","maxAmount":"80000.00","minTermMonths":12,"maxTermMonths":120,
             "nominalAnnualRatePercent":"5.49","arrangementFee":"150.00","repaymentMethods":["ANNUITY"]}""";

    private final ContractValidator credit = ContractValidator.of("credit");

    @Test
    void aResponseShapedLikeTheSpecConforms() {
        credit.assertConforms("GET", PRODUCTS + "?limit=25", 200, JSON,
                "{\"data\":[" + PRODUCT + "],\"links\":{\"self\":\"" + PRODUCTS + "?limit=25\"}}");
        credit.assertConforms("GET", PRODUCTS + "/lakeside-renovation", 200, JSON, PRODUCT);
    }

    @Test
    void moneyAsAJsonNumberIsAViolation() {
        String numeric = PRODUCT.replace("\"minAmount\":\"5000.00\"", "\"minAmount\":5000.00");

        assertThatThrownBy(() -> credit.assertConforms("GET", PRODUCTS + "/lakeside-renovation", 200, JSON, numeric))
                .isInstanceOf(AssertionError.class).hasMessageContaining("minAmount");
    }

    @Test
    void aProblemTypeOutsideTheCatalogueIsAViolation() {
        String body = "{\"type\":\"https://sceneway.dev/problems/made-up\",\"title\":\"x\",\"status\":401}";

        assertThat(credit.validate("GET", PRODUCTS, 401, PROBLEM, body).hasErrors()).isTrue();
        assertThat(credit.validate("GET", PRODUCTS, 401, PROBLEM,
                body.replace("made-up", "token-missing")).hasErrors()).isFalse();
    }

    @Test
    void anErrorAsPlainJsonInsteadOfProblemJsonIsAViolation() {
        Map<String, List<String>> plainJson = Map.of("Content-Type", List.of("application/json"),
                "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                "WWW-Authenticate", List.of("Bearer"));
        String body = "{\"type\":\"https://sceneway.dev/problems/token-missing\",\"title\":\"x\",\"status\":401}";

        assertThat(credit.validate("GET", PRODUCTS, 401, plainJson, body).hasErrors()).isTrue();
    }

    @Test
    void aResponseWithoutTheInteractionIdIsAViolation() {
        assertThat(credit.validate("GET", PRODUCTS + "/lakeside-renovation", 200,
                Map.of("Content-Type", List.of("application/json")), PRODUCT).hasErrors()).isTrue();
    }

    @Test
    void aStatusTheOperationDoesNotDeclareIsAViolation() {
        assertThat(credit.validate("GET", PRODUCTS, 418, PROBLEM,
                "{\"type\":\"https://sceneway.dev/problems/bad-request\",\"title\":\"x\",\"status\":418}").hasErrors())
                .isTrue();
    }

    @Test
    void aPathOutsideTheSpecIsAViolation() {
        assertThat(credit.validate("GET", "/v1/banks/lakeside/credit/quotes", 200, JSON, "{}").hasErrors()).isTrue();
    }

    @Test
    void theProblemCatalogueIsReadFromTheSpec() {
        assertThat(ProblemCatalogue.types()).contains("https://sceneway.dev/problems/token-missing",
                "https://sceneway.dev/problems/upstream-timeout", "https://sceneway.dev/problems/payload-too-large",
                "https://sceneway.dev/problems/dpop-proof-invalid", "https://sceneway.dev/problems/partner-not-approved",
                "https://sceneway.dev/problems/consent-revoked", "https://sceneway.dev/problems/resource-not-in-consent")
                .hasSize(42);
    }
}
