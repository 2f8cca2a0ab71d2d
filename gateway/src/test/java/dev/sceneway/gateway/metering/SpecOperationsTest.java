package dev.sceneway.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;

class SpecOperationsTest {

    private final SpecOperations specs = SpecOperations.fromClasspath();

    @Test
    void theCreditSpecsOperationsAreFoundOnTheClasspath() {
        assertThat(specs.operations()).extracting(SpecOperations.Operation::operationId)
                .contains("listCreditProducts", "getCreditProduct", "getCreditQuote");
        assertThat(specs.isProduct("credit")).isTrue();
        assertThat(specs.isProduct("common")).isFalse();
    }

    @Test
    void matchWhenPathHasAProductIdThenTheItemOperationAndTheBankFromThePath() {
        SpecOperations.Match match = specs.match("GET", PathContainer.parsePath("/v1/banks/harbour/credit/products/p-1"))
                .orElseThrow();

        assertThat(match.operation().operationId()).isEqualTo("getCreditProduct");
        assertThat(match.operation().product()).isEqualTo("credit");
        assertThat(match.bankId()).isEqualTo("harbour");
    }

    @Test
    void matchWhenMethodOrPathIsNotInTheSpecsThenNothing() {
        assertThat(specs.match("DELETE", PathContainer.parsePath("/v1/banks/harbour/credit/products"))).isEmpty();
        assertThat(specs.match("GET", PathContainer.parsePath("/v1/banks/harbour/credit/nothing"))).isEmpty();
        assertThat(specs.match("GET", PathContainer.parsePath("/docs"))).isEmpty();
    }

    @Test
    void parseWhenALiteralAndAVariableSegmentBothMatchThenTheLiteralWins() {
        String yaml = """
                paths:
                  /v1/banks/{bankId}/deposits/accounts/{accountId}:
                    get: {operationId: getAccount}
                  /v1/banks/{bankId}/deposits/accounts/summary:
                    get: {operationId: getAccountSummary}
                    x-note: not a method
                """;
        List<SpecOperations.Operation> parsed = SpecOperations.parse("deposits",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        SpecOperations deposits = new SpecOperations(parsed);

        assertThat(parsed).hasSize(2);
        assertThat(deposits.match("GET", PathContainer.parsePath("/v1/banks/lakeside/deposits/accounts/summary"))
                .orElseThrow().operation().operationId()).isEqualTo("getAccountSummary");
        assertThat(deposits.match("GET", PathContainer.parsePath("/v1/banks/lakeside/deposits/accounts/a-1"))
                .orElseThrow().operation().operationId()).isEqualTo("getAccount");
    }
}
