package dev.sceneway.auth;

import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.PaymentTerms;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Creates consents for the journey's tests as a partner would, and revokes them as the partner. The one place to
 * re-point when the real consent service replaces {@link InMemoryCustomerConsents}.
 */
public final class TestConsents {

    private final InMemoryCustomerConsents consents;

    TestConsents(InMemoryCustomerConsents consents) {
        this.consents = consents;
    }

    /** Accounts and balances at lakeside, 30 days, 4 a day. */
    public ConsentView accountAccess(String partnerId, String bankId) {
        return consents.create(ConsentType.ACCOUNT_ACCESS, bankId, partnerId, partnerId + " (test partner)",
                List.of("accounts", "balances"), Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                4, null);
    }

    /** 25.00 EUR to the checkout demo shop at lakeside, reference ORDER-1001. */
    public ConsentView payment(String partnerId, String bankId) {
        return consents.create(ConsentType.PAYMENT, bankId, partnerId, partnerId + " (test partner)", List.of(),
                null, null, new PaymentTerms(new BigDecimal("25.00"), "EUR", "LS-SHOP-MERCHANT",
                        "Checkout demo shop", "ORDER-1001"));
    }

    /** All three credit permissions. */
    public ConsentView credit(String partnerId, String bankId) {
        return consents.create(ConsentType.CREDIT, bankId, partnerId, partnerId + " (test partner)",
                List.of("share-application-data", "credit-bureau-check", "accept-agreement"),
                Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), null, null);
    }

    public ConsentView current(String consentId) {
        return consents.find(consentId).orElseThrow();
    }

    public void revokeByPartner(String consentId) {
        consents.revokeByPartner(consentId);
    }
}
