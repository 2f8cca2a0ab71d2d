package dev.sceneway.products.credit.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A credit product as the public API shows it. Money and rates are decimal strings, never JSON numbers, so no
 * client parses them into binary floating point; amounts go with the ISO 4217 {@code currency}.
 */
record CreditProductResponse(
        String productId,
        String bankId,
        String name,
        String currency,
        String minAmount,
        String maxAmount,
        int minTermMonths,
        int maxTermMonths,
        String nominalAnnualRatePercent,
        String arrangementFee,
        List<RepaymentMethod> repaymentMethods) {

    /** The API shows the nominal rate with 2 decimals. */
    static final int RATE_DISPLAY_SCALE = 2;

    static CreditProductResponse of(String bankId, CreditProduct product) {
        return new CreditProductResponse(
                product.productId(),
                bankId,
                product.name(),
                product.currency().getCurrencyCode(),
                product.minAmount().toPlainString(),
                product.maxAmount().toPlainString(),
                product.minTermMonths(),
                product.maxTermMonths(),
                displayRate(product.nominalAnnualRatePercent()),
                product.arrangementFee().toPlainString(),
                product.repaymentMethods());
    }

    /**
     * Rounding rule for the rate: the stored rate (4 decimals) is shown at 2 decimals, rounded
     * {@link RoundingMode#HALF_UP} (6.875 shows as 6.88), the usual convention for published rates. Display only:
     * any calculation (quotes, schedules) uses the stored rate, never this string.
     */
    static String displayRate(BigDecimal ratePercent) {
        return ratePercent.setScale(RATE_DISPLAY_SCALE, RoundingMode.HALF_UP).toPlainString();
    }
}
