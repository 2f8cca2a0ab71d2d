package dev.sceneway.products.credit.risk;

import java.math.BigDecimal;

/**
 * What the bank knows when it decides: who applies (the bureau's subject), what the loan costs per month, and what
 * the applicant declared. Amounts in the loan's currency.
 *
 * @param customer           the customer's id at the bank (the bureau's subject in the sandbox)
 * @param highestInstalment  the highest instalment of the offered schedule (the first for equal principal)
 */
public record RiskQuery(String customer, String bankId, BigDecimal amount, BigDecimal highestInstalment,
        BigDecimal monthlyNetIncome, BigDecimal monthlyHousingCost, String employmentStatus, int dependants) {
}
