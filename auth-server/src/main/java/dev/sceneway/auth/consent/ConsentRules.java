package dev.sceneway.auth.consent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules a new consent must follow, whoever asks (the partner API today, other callers later), and its defaults:
 * expiry = the bank's maximum, 4 reads per day. Each broken rule is an {@link InvalidConsentException} naming the
 * field. The spec (consents.yaml) states the same rules for partners; these checks do not rely on it.
 */
final class ConsentRules {

    static final int DEFAULT_FREQUENCY_PER_DAY = 4;
    static final int MAX_FREQUENCY_PER_DAY = 100;
    static final List<String> ACCOUNT_ACCESS_PERMISSIONS = List.of("accounts", "balances", "transactions",
            "open-term-deposits");
    static final List<String> CREDIT_PERMISSIONS = List.of("share-application-data", "credit-bureau-check",
            "accept-agreement");
    /** The currencies of the alliance's banks have 2 minor digits; the column is numeric(17, 2). */
    static final int AMOUNT_SCALE = 2;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999.99");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,33}");
    static final int MAX_CREDITOR_NAME = 70;
    static final int MAX_REFERENCE = 35;

    private final ConsentProperties properties;

    ConsentRules(ConsentProperties properties) {
        this.properties = properties;
    }

    /** The request checked, with its defaults filled in. */
    NewConsent check(NewConsent request, String bankId, Instant now) {
        return switch (request.type()) {
            case ACCOUNT_ACCESS -> {
                permissions(request.permissions(), ACCOUNT_ACCESS_PERMISSIONS);
                yield new NewConsent(request.type(), request.permissions(), expiry(request.expiresAt(), bankId, now),
                        frequency(request.frequencyPerDay()), null);
            }
            case CREDIT -> {
                permissions(request.permissions(), CREDIT_PERMISSIONS);
                if (request.frequencyPerDay() != null) {
                    throw new InvalidConsentException("frequencyPerDay", "applies to account-access consents only");
                }
                yield new NewConsent(request.type(), request.permissions(), expiry(request.expiresAt(), bankId, now),
                        null, null);
            }
            case PAYMENT -> {
                if (request.payment() == null) {
                    throw new InvalidConsentException("payment", "is required for a payment consent");
                }
                if (!request.permissions().isEmpty() || request.expiresAt() != null
                        || request.frequencyPerDay() != null) {
                    throw new InvalidConsentException("permissions",
                            "expiresAt and frequencyPerDay do not apply to payment consents");
                }
                yield NewConsent.payment(payment(request.payment()));
            }
        };
    }

    /** The accounts a customer picked, checked against the consent's type (see {@link CustomerConsents}). */
    static List<String> accounts(ConsentType type, List<String> accounts) {
        if (accounts.stream().anyMatch(account -> account == null || !ACCOUNT_ID.matcher(account).matches())) {
            throw new InvalidConsentException("accounts", "must be account ids");
        }
        if (new HashSet<>(accounts).size() != accounts.size()) {
            throw new InvalidConsentException("accounts", "must not repeat an account");
        }
        boolean fits = switch (type) {
            case ACCOUNT_ACCESS -> !accounts.isEmpty();
            case PAYMENT -> accounts.size() == 1;
            case CREDIT -> accounts.isEmpty();
        };
        if (!fits) {
            throw new InvalidConsentException("accounts", switch (type) {
                case ACCOUNT_ACCESS -> "must name at least one account for an account-access consent";
                case PAYMENT -> "must name exactly one debtor account for a payment consent";
                case CREDIT -> "must be empty for a credit consent";
            });
        }
        return List.copyOf(accounts);
    }

    private static void permissions(List<String> permissions, List<String> known) {
        if (permissions.isEmpty()) {
            throw new InvalidConsentException("permissions", "must name at least one permission");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < permissions.size(); i++) {
            String permission = permissions.get(i);
            if (!known.contains(permission)) {
                throw new InvalidConsentException("permissions[" + i + "]", "must be one of " + known);
            }
            if (!seen.add(permission)) {
                throw new InvalidConsentException("permissions[" + i + "]", "repeats '" + permission + "'");
            }
        }
    }

    private Instant expiry(@Nullable Instant expiresAt, String bankId, Instant now) {
        Duration max = properties.maxExpiry(bankId);
        if (expiresAt == null) {
            return now.plus(max);
        }
        if (!expiresAt.isAfter(now)) {
            throw new InvalidConsentException("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(max))) {
            throw new InvalidConsentException("expiresAt", "must be at most " + max.toDays()
                    + " days from now at bank '" + bankId + "'");
        }
        return expiresAt;
    }

    private static int frequency(@Nullable Integer frequencyPerDay) {
        if (frequencyPerDay == null) {
            return DEFAULT_FREQUENCY_PER_DAY;
        }
        if (frequencyPerDay < 1 || frequencyPerDay > MAX_FREQUENCY_PER_DAY) {
            throw new InvalidConsentException("frequencyPerDay", "must be between 1 and " + MAX_FREQUENCY_PER_DAY);
        }
        return frequencyPerDay;
    }

    /** Rounding rule: none. An amount with more than 2 decimals is refused, never rounded; 25 becomes 25.00. */
    private static PaymentTerms payment(PaymentTerms terms) {
        BigDecimal amount = terms.amount();
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidConsentException("amount", "must be greater than zero");
        }
        if (amount.stripTrailingZeros().scale() > AMOUNT_SCALE) {
            throw new InvalidConsentException("amount", "must have at most " + AMOUNT_SCALE + " decimals");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidConsentException("amount", "is too large");
        }
        String currency = terms.currency();
        if (currency == null || !CURRENCY.matcher(currency).matches() || Currency.getAvailableCurrencies().stream()
                .noneMatch(known -> known.getCurrencyCode().equals(currency))) {
            throw new InvalidConsentException("currency", "must be an ISO 4217 currency code");
        }
        if (terms.creditorAccount() == null || !ACCOUNT_ID.matcher(terms.creditorAccount()).matches()) {
            throw new InvalidConsentException("creditorAccount", "must be an account id (letters, digits, '-', "
                    + "at most 34)");
        }
        text("creditorName", terms.creditorName(), MAX_CREDITOR_NAME);
        text("reference", terms.reference(), MAX_REFERENCE);
        return new PaymentTerms(amount.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY), currency,
                terms.creditorAccount(), terms.creditorName().strip(), terms.reference().strip());
    }

    private static void text(String field, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidConsentException(field, "must not be blank");
        }
        if (value.strip().length() > maxLength) {
            throw new InvalidConsentException(field, "must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidConsentException(field, "must not contain control characters");
        }
    }
}
