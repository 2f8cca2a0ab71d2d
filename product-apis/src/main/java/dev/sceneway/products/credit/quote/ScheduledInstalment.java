package dev.sceneway.products.credit.quote;

import java.math.BigDecimal;

/**
 * One monthly instalment of a schedule; amounts at the currency's scale.
 *
 * @param remainingPrincipal the principal still owed after this instalment
 */
public record ScheduledInstalment(int number, BigDecimal instalment, BigDecimal principal, BigDecimal interest,
        BigDecimal remainingPrincipal) {
}
