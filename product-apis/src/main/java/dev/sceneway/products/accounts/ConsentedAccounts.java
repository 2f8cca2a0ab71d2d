package dev.sceneway.products.accounts;

import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.ledger.LedgerAccount;
import dev.sceneway.products.ledger.LedgerAccounts;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Object-level access: an account is readable under a consent only when the customer picked it for that consent
 * AND it is that customer's account at this bank (the consent claim is the auth-server's word; ownership is ours to
 * check). Anything else is {@code resource-not-in-consent}, with the same detail whether or not the account exists,
 * so a partner cannot probe for account ids.
 */
@Component
class ConsentedAccounts {

    static final String NOT_IN_CONSENT = "The account addressed is not covered by the consent.";

    private final LedgerAccounts accounts;

    ConsentedAccounts(LedgerAccounts accounts) {
        this.accounts = accounts;
    }

    /** The consent's accounts that belong to its customer, in account id order. */
    List<LedgerAccount> all(CustomerConsent consent) {
        return accounts.findAll(consent.accounts()).stream()
                .filter(account -> account.owner().isCustomer(consent.customer()))
                .toList();
    }

    LedgerAccount one(CustomerConsent consent, String accountId) {
        if (!consent.covers(accountId)) {
            throw notInConsent();
        }
        return accounts.find(accountId)
                .filter(account -> account.owner().isCustomer(consent.customer()))
                .orElseThrow(ConsentedAccounts::notInConsent);
    }

    private static ProblemException notInConsent() {
        return new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT, NOT_IN_CONSENT);
    }
}
