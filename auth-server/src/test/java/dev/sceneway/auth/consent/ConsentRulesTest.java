package dev.sceneway.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final ConsentRules rules = new ConsentRules(new ConsentProperties(Duration.ofDays(180),
            Map.of("harbour", Duration.ofDays(90)), Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofDays(30),
            ""));

    @Test
    void accountAccessWithoutExpiryOrFrequencyThenTheBanksMaximumAndFourPerDay() {
        NewConsent checked = rules.check(NewConsent.accountAccess(List.of("accounts"), null, null), "lakeside", NOW);

        assertThat(checked.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(180)));
        assertThat(checked.frequencyPerDay()).isEqualTo(4);
    }

    @Test
    void expiryWhenBeyondTheBanksOwnMaximumThenRefusedNamingExpiresAt() {
        NewConsent request = NewConsent.accountAccess(List.of("accounts"), NOW.plus(Duration.ofDays(91)), null);

        assertThat(rules.check(request, "lakeside", NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(91)));
        assertThatThrownBy(() -> rules.check(request, "harbour", NOW)).isInstanceOf(InvalidConsentException.class)
                .hasMessageContaining("'expiresAt'").hasMessageContaining("90 days");
    }

    @Test
    void expiryWhenNotInTheFutureThenRefused() {
        assertThatThrownBy(() -> rules.check(NewConsent.credit(List.of("credit-bureau-check"), NOW), "lakeside", NOW))
                .isInstanceOf(InvalidConsentException.class).hasMessageContaining("'expiresAt' must be in the future");
    }

    @Test
    void permissionsWhenEmptyUnknownRepeatedOrOfAnotherTypeThenRefusedNamingTheElement() {
        assertThatThrownBy(() -> check(NewConsent.accountAccess(List.of(), null, null)))
                .hasMessageContaining("'permissions' must name at least one");
        assertThatThrownBy(() -> check(NewConsent.accountAccess(List.of("accounts", "payments"), null, null)))
                .hasMessageContaining("'permissions[1]' must be one of");
        assertThatThrownBy(() -> check(NewConsent.accountAccess(List.of("balances", "balances"), null, null)))
                .hasMessageContaining("'permissions[1]' repeats 'balances'");
        assertThatThrownBy(() -> check(NewConsent.credit(List.of("transactions"), null)))
                .hasMessageContaining("'permissions[0]' must be one of");
    }

    @Test
    void frequencyWhenOutside1To100ThenRefused() {
        assertThat(check(NewConsent.accountAccess(List.of("accounts"), null, 100)).frequencyPerDay()).isEqualTo(100);
        assertThatThrownBy(() -> check(NewConsent.accountAccess(List.of("accounts"), null, 0)))
                .hasMessageContaining("'frequencyPerDay' must be between 1 and 100");
        assertThatThrownBy(() -> check(NewConsent.accountAccess(List.of("accounts"), null, 101)))
                .hasMessageContaining("'frequencyPerDay'");
    }

    @Test
    void paymentWhenValidThenAmountAtScale2AndNoExpiry() {
        NewConsent checked = check(NewConsent.payment(terms(new BigDecimal("25"), "EUR", "ORDER-1001")));

        assertThat(checked.payment().amount()).isEqualByComparingTo("25.00").hasScaleOf(2);
        assertThat(checked.expiresAt()).isNull();
        assertThat(checked.frequencyPerDay()).isNull();
    }

    @Test
    void paymentWhenAmountNotPositiveOrMoreThan2DecimalsThenRefusedNotRounded() {
        assertThatThrownBy(() -> check(NewConsent.payment(terms(new BigDecimal("0.00"), "EUR", "R"))))
                .hasMessageContaining("'amount' must be greater than zero");
        assertThatThrownBy(() -> check(NewConsent.payment(terms(new BigDecimal("-1.00"), "EUR", "R"))))
                .hasMessageContaining("'amount'");
        assertThatThrownBy(() -> check(NewConsent.payment(terms(new BigDecimal("1.005"), "EUR", "R"))))
                .hasMessageContaining("'amount' must have at most 2 decimals");
    }

    @Test
    void paymentWhenCurrencyIsNotIso4217ThenRefused() {
        assertThatThrownBy(() -> check(NewConsent.payment(terms(BigDecimal.TEN, "eur", "R"))))
                .hasMessageContaining("'currency'");
        assertThatThrownBy(() -> check(NewConsent.payment(terms(BigDecimal.TEN, "ABC", "R"))))
                .hasMessageContaining("'currency'");
        assertThat(check(NewConsent.payment(terms(BigDecimal.TEN, "CNY", "R"))).payment().currency()).isEqualTo("CNY");
    }

    @Test
    void paymentWhenReferenceOrCreditorBlankOrTooLongThenRefused() {
        assertThatThrownBy(() -> check(NewConsent.payment(terms(BigDecimal.TEN, "EUR", " "))))
                .hasMessageContaining("'reference' must not be blank");
        assertThatThrownBy(() -> check(NewConsent.payment(terms(BigDecimal.TEN, "EUR", "R".repeat(36)))))
                .hasMessageContaining("'reference' must be at most 35");
        assertThatThrownBy(() -> check(NewConsent.payment(new PaymentTerms(BigDecimal.TEN, "EUR", "LS-SHOP-MERCHANT",
                "N".repeat(71), "R")))).hasMessageContaining("'creditorName'");
        assertThatThrownBy(() -> check(NewConsent.payment(new PaymentTerms(BigDecimal.TEN, "EUR", "not an account",
                "Shop", "R")))).hasMessageContaining("'creditorAccount'");
    }

    @Test
    void accountsWhenTheyDoNotFitTheTypeThenRefused() {
        assertThat(ConsentRules.accounts(ConsentType.ACCOUNT_ACCESS, List.of("LS-ALICE-CUR", "LS-ALICE-SAV")))
                .hasSize(2);
        assertThatThrownBy(() -> ConsentRules.accounts(ConsentType.ACCOUNT_ACCESS, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ConsentRules.accounts(ConsentType.PAYMENT, List.of("LS-ALICE-CUR", "LS-ALICE-SAV")))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ConsentRules.accounts(ConsentType.CREDIT, List.of("LS-ALICE-CUR")))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ConsentRules.accounts(ConsentType.ACCOUNT_ACCESS, List.of("LS-A", "LS-A")))
                .hasMessageContaining("repeat");
    }

    private NewConsent check(NewConsent request) {
        return rules.check(request, "lakeside", NOW);
    }

    private static PaymentTerms terms(BigDecimal amount, String currency, String reference) {
        return new PaymentTerms(amount, currency, "LS-SHOP-MERCHANT", "Checkout demo shop", reference);
    }
}
