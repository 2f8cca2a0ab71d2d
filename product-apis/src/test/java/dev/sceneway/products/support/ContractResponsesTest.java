package dev.sceneway.products.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The central contract check itself: it must bite on a drifted response and let exempt ones through. */
class ContractResponsesTest {

    private static final String PRODUCT = "/v1/banks/lakeside/credit/products/lakeside-renovation";
    private static final Map<String, List<String>> HEADERS = Map.of(
            "Content-Type", List.of("application/json"),
            "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e"));
    private static final String BODY = """
            {"productId":"lakeside-renovation","bankId":"lakeside","name":"Home renovation loan","currency":"EUR",
             "minAmount":%s,"maxAmount":"80000.00","minTermMonths":12,"maxTermMonths":120,
             "nominalAnnualRatePercent":"5.49","arrangementFee":"150.00","repaymentMethods":["ANNUITY"]}""";

    @Test
    void checkWhenResponseConformsThenPasses() {
        assertThatCode(() -> ContractResponses.check("GET", PRODUCT, 200, HEADERS, BODY.formatted("\"5000.00\"")))
                .doesNotThrowAnyException();
    }

    @Test
    void checkWhenMoneyIsAJsonNumberThenFailsNamingTheField() {
        assertThatThrownBy(() -> ContractResponses.check("GET", PRODUCT, 200, HEADERS, BODY.formatted("5000.00")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not conform to credit.yaml")
                .hasMessageContaining("minAmount");
    }

    @Test
    void checkWhenInteractionIdIsMissingThenFails() {
        assertThatThrownBy(() -> ContractResponses.check("GET", PRODUCT, 200,
                        Map.of("Content-Type", List.of("application/json")), BODY.formatted("\"5000.00\"")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("x-fapi-interaction-id");
    }

    @Test
    void checkWhenRequestIsOutOfTheContractThenOnlyTheConventionsApply() {
        Map<String, List<String>> problem = Map.of("Content-Type", List.of("application/problem+json"),
                "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertThatCode(() -> ContractResponses.check("POST", "/v1/banks/lakeside/credit/products", 405, problem, "{}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractResponses.check("POST", "/v1/banks/lakeside/credit/products", 405,
                        Map.of("Content-Type", List.of("application/json")), "{}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void checkWhenPathIsOutsideTheApiThenExempt() {
        assertThatCode(() -> ContractResponses.check("GET", "/actuator/health", 200, Map.of(), "{\"status\":\"UP\"}"))
                .doesNotThrowAnyException();
    }

    @Test
    void checkWhenPathIsAnAccountsPathThenAccountsYamlJudgesIt() {
        String balances = "/v1/banks/lakeside/accounts/LS-ALICE-CUR/balances";
        String body = """
                {"accountId":"LS-ALICE-CUR","currency":"EUR","booked":%s,"available":"3000.00",
                 "overdraftLimit":"500.00","asOf":"2026-11-22T09:30:00Z"}""";
        assertThatCode(() -> ContractResponses.check("GET", balances, 200, HEADERS, body.formatted("\"2500.00\"")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractResponses.check("GET", balances, 200, HEADERS, body.formatted("2500.00")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not conform to accounts.yaml")
                .hasMessageContaining("booked");
    }

    @Test
    void checkWhenAConsentProblemComesFromAnAccountsPathThenItsTypeIsInTheCatalogue() {
        Map<String, List<String>> problem = Map.of("Content-Type", List.of("application/problem+json"),
                "x-fapi-interaction-id", List.of("0f8fad5b-d9cb-469f-a165-70867728950e"));
        String path = "/v1/banks/lakeside/accounts/LS-BOB-CUR";
        assertThatCode(() -> ContractResponses.check("GET", path, 403, problem, """
                {"type":"https://sceneway.dev/problems/resource-not-in-consent","title":"Resource not in consent",
                 "status":403}""")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ContractResponses.check("GET", path, 403, problem, """
                {"type":"https://sceneway.dev/problems/account-is-secret","title":"Nope","status":403}"""))
                .isInstanceOf(AssertionError.class);
    }
}
