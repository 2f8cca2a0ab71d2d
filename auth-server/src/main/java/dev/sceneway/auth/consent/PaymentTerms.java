package dev.sceneway.auth.consent;

import java.math.BigDecimal;

/**
 * What a payment consent allows: exactly this amount in this currency to this creditor with this reference.
 *
 * @param amount the exact amount, scale 2
 * @param currency ISO 4217 code
 * @param creditorAccount the creditor's account id at the same bank (a customer's or a merchant's)
 * @param creditorName the creditor's name, as the customer sees it on the consent screen
 * @param reference the payment reference (e.g. the order number), 1-35 characters
 */
public record PaymentTerms(BigDecimal amount, String currency, String creditorAccount, String creditorName,
        String reference) {
}
