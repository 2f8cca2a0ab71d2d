package dev.sceneway.products.credit.quote;

import dev.sceneway.products.credit.catalogue.CreditProduct;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** Products shaped like the lakeside sandbox seeds (db/seed/lakeside), for tests and the quote benchmark. */
final class TestProducts {

    static final Currency EUR = Currency.getInstance("EUR");

    private TestProducts() {
    }

    /** The active lakeside catalogue, in product id order. */
    static List<CreditProduct> lakeside() {
        return List.of(standard(), merchantZero(), renovation());
    }

    static CreditProduct standard() {
        return product("lakeside-instalment-standard", "Instalment loan", "1000.00", "50000.00", 3, 60, "6.9000",
                "0.00", List.of(RepaymentMethod.ANNUITY, RepaymentMethod.EQUAL_PRINCIPAL), "0.0000");
    }

    static CreditProduct merchantZero() {
        return product("lakeside-merchant-zero", "0% merchant instalment plan", "200.00", "5000.00", 3, 24, "0.0000",
                "0.00", List.of(RepaymentMethod.ANNUITY), "4.5000");
    }

    static CreditProduct renovation() {
        return product("lakeside-renovation", "Home renovation loan", "5000.00", "80000.00", 12, 120, "5.4900",
                "150.00", List.of(RepaymentMethod.ANNUITY), "0.0000");
    }

    static CreditProduct product(String id, String name, String min, String max, int minTerm, int maxTerm,
            String ratePercent, String fee, List<RepaymentMethod> methods, String merchantDiscountPercent) {
        return new CreditProduct(id, name, EUR, new BigDecimal(min), new BigDecimal(max), minTerm, maxTerm,
                new BigDecimal(ratePercent), new BigDecimal(fee), methods, new BigDecimal(merchantDiscountPercent));
    }
}
