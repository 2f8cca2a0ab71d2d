package dev.sceneway.auth;

import dev.sceneway.auth.consent.ConsentLifecycle;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.NewConsent;
import dev.sceneway.auth.consent.PaymentTerms;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates consents for the journey's tests through the real {@link ConsentLifecycle}, as the partner API does for a
 * partner (which must be approved for the bank: the lifecycle itself does not check that), and revokes them as that
 * partner. Component-scanned like {@link TestClock}, so every test context has it and stays one cached context.
 */
@Component
public class TestConsents {

    private final ConsentLifecycle lifecycle;

    TestConsents(ConsentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Accounts and balances, 30 days, 4 a day. */
    public ConsentView accountAccess(String partnerId, String bankId) {
        return lifecycle.create(partnerId, bankId, NewConsent.accountAccess(List.of("accounts", "balances"),
                inThirtyDays(), 4)).view();
    }

    /** 25.00 EUR to the checkout demo shop, reference ORDER-1001. */
    public ConsentView payment(String partnerId, String bankId) {
        return lifecycle.create(partnerId, bankId, NewConsent.payment(new PaymentTerms(new BigDecimal("25.00"), "EUR",
                "LS-SHOP-MERCHANT", "Checkout demo shop", "ORDER-1001"))).view();
    }

    /** All three credit permissions, 30 days. */
    public ConsentView credit(String partnerId, String bankId) {
        return lifecycle.create(partnerId, bankId, NewConsent.credit(List.of("share-application-data",
                "credit-bureau-check", "accept-agreement"), inThirtyDays())).view();
    }

    public ConsentView current(String consentId) {
        return lifecycle.find(consentId).orElseThrow();
    }

    /** The partner that created it revokes it (the partner API's DELETE). */
    public ConsentView revokeByPartner(String consentId) {
        ConsentView consent = current(consentId);
        return lifecycle.revokeByPartner(consent.partnerId(), consent.bankId(), consentId).view();
    }

    private static Instant inThirtyDays() {
        return Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }
}
