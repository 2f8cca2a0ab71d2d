package dev.sceneway.products.credit.application;

import dev.sceneway.products.credit.quote.QuotePlan;
import dev.sceneway.products.idempotency.Fingerprint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The pre-contract credit information of an approved offer (modelled on the EU Consumer Credit Directive's standard
 * information), as plain text, and its SHA-256 digest. Built only from stored facts (the application, the offer's
 * copied terms, the bank's name), never from the clock: the same offer always gives the same text and digest, so an
 * acceptance can prove which text the customer was shown.
 */
public record Disclosure(String text, String digest) {

    public static Disclosure of(ApplicationRecord application, String bankName) {
        QuotePlan plan = application.offerPlan();
        ApplicationRecord.Terms terms = Objects.requireNonNull(application.offerTerms());
        String currency = application.currency().getCurrencyCode();
        StringBuilder text = new StringBuilder()
                .append("PRE-CONTRACTUAL CONSUMER CREDIT INFORMATION\n\n")
                .append("1. Lender\n   ").append(bankName).append('\n')
                .append("   Credit intermediary: the partner application through which you applied (it is paid by")
                .append(" the bank, not by you).\n\n")
                .append("2. The credit\n")
                .append("   Type: instalment loan linked to your purchase (").append(application.productName())
                .append(")\n")
                .append("   Total amount of credit: ").append(money(application.amount(), currency)).append('\n')
                .append("   Paid directly to the seller, account ").append(application.merchantAccountId())
                .append(", order reference ").append(application.orderReference()).append('\n');
        if (application.tranches().size() > 1) {
            text.append("   In tranches:\n");
            for (ApplicationRecord.RequestedTranche tranche : application.tranches()) {
                text.append("     ").append(tranche.number()).append(". ").append(tranche.milestone()).append(": ")
                        .append(money(tranche.amount(), currency))
                        .append(tranche.number() == 1 ? " (at signing)" : " (when this milestone is reported)")
                        .append('\n');
            }
            text.append("   The tranches not yet paid are held for you in an escrow account at the bank; interest")
                    .append(" runs on the whole amount from signing.\n");
        }
        text.append("   Duration: ").append(application.termMonths()).append(" monthly instalments, the first one")
                .append(" month after signing\n")
                .append("   Repayment: ").append(method(plan)).append(", collected from your account ")
                .append(application.repaymentAccountId()).append('\n')
                .append("   Instalment: ").append(money(plan.firstInstalment(), currency));
        if (plan.lastInstalment().compareTo(plan.firstInstalment()) != 0) {
            text.append(" (first), ").append(money(plan.lastInstalment(), currency)).append(" (last)");
        }
        text.append('\n')
                .append("   Total amount you will pay: ").append(money(plan.totalRepayable(), currency)).append("\n\n")
                .append("3. Costs of the credit\n")
                .append("   Borrowing rate: ").append(percent(terms.nominalAnnualRatePercent()))
                .append(" a year, fixed\n")
                .append("   Annual percentage rate of charge (APR): ").append(percent(plan.aprPercent())).append('\n')
                .append("   Arrangement fee: ").append(money(terms.arrangementFee(), currency))
                .append(", paid from your account at signing\n")
                .append("   Total interest: ").append(money(plan.totalInterest(), currency)).append('\n')
                .append("   Total cost of the credit: ").append(money(plan.totalCost(), currency)).append('\n')
                .append("   Missing an instalment: it stays owed and is collected again each day; it may be")
                .append(" reported to credit bureaus.\n\n")
                .append("4. Other legal aspects\n")
                .append("   Right of withdrawal: 14 calendar days from signing, without giving a reason. You then")
                .append(" pay back the amount paid out and the interest for the days you had it, and the arrangement")
                .append(" fee is refunded.\n")
                .append("   Early repayment: at any time, in full. You pay the outstanding principal and the interest")
                .append(" accrued to that day; the bank may charge 1% of the principal repaid early (0.5% if less")
                .append(" than a year is left), never more than the interest you would otherwise have paid.\n")
                .append("   This offer is valid until ").append(application.offerValidUntil()).append(".\n")
                .append("   Application ").append(application.applicationId()).append('\n');
        String body = text.toString();
        return new Disclosure(body, sha256(body));
    }

    private static String method(QuotePlan plan) {
        return switch (plan.repaymentMethod()) {
            case ANNUITY -> "equal monthly instalments of principal and interest";
            case EQUAL_PRINCIPAL -> "equal monthly principal parts plus interest on the outstanding balance";
        };
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " " + currency;
    }

    private static String percent(BigDecimal percent) {
        return percent.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String sha256(String text) {
        return Fingerprint.sha256Hex(text);
    }
}
