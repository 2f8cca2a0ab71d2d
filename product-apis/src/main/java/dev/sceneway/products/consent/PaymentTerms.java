package dev.sceneway.products.consent;

/**
 * What the customer authorised in a payment consent ({@code consent.payment} claim), exactly as the claim carries it:
 * the amount as a decimal string with the currency's 2 decimals.
 */
public record PaymentTerms(String amount, String currency, String creditorAccount, String creditorName,
        String reference) {
}
