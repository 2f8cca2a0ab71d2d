package dev.sceneway.products.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the consent from a verified access token. A token whose consent claims are absent or not shaped as the
 * contract says carries no consent as far as this service is concerned: the caller answers {@code consent-required}
 * (fail closed, never a 500 and never a guess).
 */
final class ConsentClaims {

    static final String CONSENT_ID = "consent_id";
    static final String CONSENT = "consent";

    private ConsentClaims() {
    }

    static Optional<CustomerConsent> read(Jwt token) {
        Object id = token.getClaims().get(CONSENT_ID);
        Object consent = token.getClaims().get(CONSENT);
        String customer = token.getSubject();
        Object partner = token.getClaims().get("client_id");
        if (!(id instanceof String consentId) || !(consent instanceof Map<?, ?> claim) || customer == null
                || !(partner instanceof String clientId)) {
            return Optional.empty();
        }
        Optional<ConsentType> type = text(claim, "type").flatMap(ConsentType::fromWireName);
        Optional<String> bank = text(claim, "bank");
        Optional<List<String>> permissions = texts(claim.get("permissions"));
        Optional<List<String>> accounts = texts(claim.get("accounts"));
        if (type.isEmpty() || bank.isEmpty() || permissions.isEmpty() || accounts.isEmpty()) {
            return Optional.empty();
        }
        PaymentTerms payment = null;
        if (type.get() == ConsentType.PAYMENT) {
            payment = claim.get("payment") instanceof Map<?, ?> terms ? terms(terms) : null;
            if (payment == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new CustomerConsent(consentId, customer, clientId, type.get(), bank.get(),
                permissions.get(), accounts.get(), payment));
    }

    private static @Nullable PaymentTerms terms(Map<?, ?> terms) {
        Optional<String> amount = text(terms, "amount");
        Optional<String> currency = text(terms, "currency");
        Optional<String> creditorAccount = text(terms, "creditorAccount");
        Optional<String> creditorName = text(terms, "creditorName");
        Optional<String> reference = text(terms, "reference");
        if (amount.isEmpty() || currency.isEmpty() || creditorAccount.isEmpty() || creditorName.isEmpty()
                || reference.isEmpty()) {
            return null;
        }
        return new PaymentTerms(amount.get(), currency.get(), creditorAccount.get(), creditorName.get(),
                reference.get());
    }

    private static Optional<String> text(Map<?, ?> claim, String name) {
        return claim.get(name) instanceof String value && !value.isBlank() ? Optional.of(value) : Optional.empty();
    }

    private static Optional<List<String>> texts(@Nullable Object value) {
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text)) {
                return Optional.empty();
            }
            texts.add(text);
        }
        return Optional.of(texts);
    }
}
