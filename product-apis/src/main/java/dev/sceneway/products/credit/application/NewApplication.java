package dev.sceneway.products.credit.application;

import dev.sceneway.products.credit.application.ApplicationRecord.Applicant;
import dev.sceneway.products.credit.application.ApplicationRecord.RequestedTranche;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.math.BigDecimal;
import java.util.List;

/** An application as the partner sent it (syntax already checked against the spec). */
record NewApplication(String productId, RepaymentMethod repaymentMethod, BigDecimal amount, String currency,
        int termMonths, String merchantAccountId, String repaymentAccountId, String orderReference,
        Applicant applicant, List<RequestedTranche> tranches) {

    NewApplication {
        tranches = List.copyOf(tranches);
    }

    /** Everything that makes two requests "the same application" under one consent, as one string to hash. */
    String fingerprint(String consentId) {
        StringBuilder text = new StringBuilder(String.join("|", consentId, productId, repaymentMethod.name(),
                amount.toPlainString(), currency, Integer.toString(termMonths), merchantAccountId, repaymentAccountId,
                orderReference, applicant.monthlyNetIncome().toPlainString(),
                applicant.monthlyHousingCost().toPlainString(), applicant.employmentStatus(),
                Integer.toString(applicant.dependants())));
        for (RequestedTranche tranche : tranches) {
            text.append('|').append(tranche.milestone()).append('=').append(tranche.amount().toPlainString());
        }
        return Disclosure.sha256(text.toString());
    }
}
