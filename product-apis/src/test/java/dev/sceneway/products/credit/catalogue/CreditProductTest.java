package dev.sceneway.products.credit.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.sceneway.products.bank.BankProperties;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditProductTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final BankProperties LAKESIDE = new BankProperties("lakeside", "Lakeside Savings Bank");

    @Test
    void amountsWhenStoredWithFewerDecimalsThenCarryTheCurrencyScale() {
        CreditProduct product = product(new BigDecimal("1000"), new BigDecimal("50000.0"));

        assertThat(product.minAmount()).hasToString("1000.00");
        assertThat(product.maxAmount()).hasToString("50000.00");
    }

    @Test
    void amountWhenMorePreciseThanTheCurrencyThenRefusedRatherThanRounded() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> product(new BigDecimal("1000.005"), new BigDecimal("50000")))
                .withMessage("minAmount must have at most 2 decimals in EUR, but was 1000.005");
    }

    @Test
    void amountsWhenMinimumExceedsMaximumThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> product(new BigDecimal("5000"), new BigDecimal("1000")))
                .withMessageContaining("minAmount must be <= maxAmount");
    }

    @Test
    void apiModelWhenMappedThenMoneyIsPlainTwoDecimalStringsAndRateIsRoundedHalfUp() {
        CreditProduct product = new CreditProduct("p", "Loan", EUR, new BigDecimal("1E+3"), new BigDecimal("50000"),
                3, 60, new BigDecimal("6.8750"), BigDecimal.ZERO,
                List.of(RepaymentMethod.EQUAL_PRINCIPAL, RepaymentMethod.ANNUITY), BigDecimal.ZERO);
        CreditProductController controller = new CreditProductController(null, LAKESIDE);

        var api = controller.toApi(product);

        assertThat(api.getMinAmount()).isEqualTo("1000.00");
        assertThat(api.getArrangementFee()).isEqualTo("0.00");
        assertThat(api.getNominalAnnualRatePercent()).isEqualTo("6.88");
        assertThat(api.getCurrency()).isEqualTo("EUR");
        assertThat(api.getBankId()).isEqualTo("lakeside");
        assertThat(api.getRepaymentMethods()).extracting(Object::toString)
                .containsExactly("EQUAL_PRINCIPAL", "ANNUITY");
    }

    @Test
    void displayRateWhenBelowTheHalfThenRoundsDown() {
        assertThat(CreditProductController.displayRate(new BigDecimal("5.4949"))).isEqualTo("5.49");
        assertThat(CreditProductController.displayRate(new BigDecimal("0.0000"))).isEqualTo("0.00");
    }

    private static CreditProduct product(BigDecimal min, BigDecimal max) {
        return new CreditProduct("lakeside-test", "Test loan", EUR, min, max, 3, 60, new BigDecimal("6.9000"),
                BigDecimal.ZERO, List.of(RepaymentMethod.ANNUITY), BigDecimal.ZERO);
    }
}
