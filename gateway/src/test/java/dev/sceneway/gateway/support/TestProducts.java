package dev.sceneway.gateway.support;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Credit products as a bank's product-apis returns them (credit.yaml's {@code CreditProduct} and
 * {@code CreditProductPage}), for the WireMock banks: {@code TestProducts.pageJson("lakeside", "EUR")}.
 */
public final class TestProducts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestProducts() {
    }

    /** One product of credit.yaml's shape; amounts are decimal strings with the currency's 2 minor digits. */
    public record CreditProduct(String productId, String bankId, String name, String currency, String minAmount,
            String maxAmount, int minTermMonths, int maxTermMonths, String nominalAnnualRatePercent,
            String arrangementFee, List<String> repaymentMethods) {
    }

    record PageLinks(String self) {
    }

    record CreditProductPage(List<CreditProduct> data, PageLinks links) {
    }

    public static List<CreditProduct> catalogue(String bankId, String currency) {
        return List.of(
                new CreditProduct(bankId + "-instalment-standard", bankId, "Instalment loan", currency, "1000.00",
                        "50000.00", 3, 60, "6.90", "0.00", List.of("ANNUITY", "EQUAL_PRINCIPAL")),
                new CreditProduct(bankId + "-renovation", bankId, "Home renovation loan", currency, "5000.00",
                        "80000.00", 12, 120, "5.49", "150.00", List.of("ANNUITY")));
    }

    /** The single page of the bank's catalogue, with a relative {@code self} link and no {@code next}. */
    public static String pageJson(String bankId, String currency) {
        return JSON.writeValueAsString(new CreditProductPage(catalogue(bankId, currency),
                new PageLinks("/v1/banks/" + bankId + "/credit/products?limit=25")));
    }

    public static String productJson(String bankId, String currency) {
        return JSON.writeValueAsString(catalogue(bankId, currency).getFirst());
    }
}
