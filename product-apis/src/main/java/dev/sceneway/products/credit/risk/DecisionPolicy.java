package dev.sceneway.products.credit.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The bank's credit policy, applied to the bureau's report and the applicant's declaration. Pure, so every rule has
 * a unit test. In this order:
 * <ol>
 *   <li>any adverse record → declined, {@code adverse-credit-record};</li>
 *   <li>score below {@value #MIN_SCORE} → declined, {@code credit-score-too-low};</li>
 *   <li>affordability → declined, {@code affordability}: the debt-service ratio (existing debt payments plus the
 *       highest instalment, over net income) above {@code 40 %}, or all commitments (those plus housing) above
 *       {@code 70 %} of net income; no income at all is unaffordable;</li>
 *   <li>score below {@value #AUTO_APPROVE_SCORE} → referred to a person, {@code credit-score-borderline};</li>
 *   <li>otherwise approved.</li>
 * </ol>
 * Declines list every decline reason that applies (rules 1 to 3), so the partner can tell the customer all of them.
 */
public final class DecisionPolicy {

    static final int MIN_SCORE = 600;
    static final int AUTO_APPROVE_SCORE = 680;
    private static final BigDecimal MAX_DEBT_SERVICE_RATIO = new BigDecimal("0.40");
    private static final BigDecimal MAX_COMMITMENT_RATIO = new BigDecimal("0.70");

    private DecisionPolicy() {
    }

    static RiskDecision decide(BureauReport report, RiskQuery query) {
        List<String> declines = new ArrayList<>();
        if (!report.adverseRecords().isEmpty()) {
            declines.add("adverse-credit-record");
        }
        if (report.score() < MIN_SCORE) {
            declines.add("credit-score-too-low");
        }
        if (!affordable(report, query)) {
            declines.add("affordability");
        }
        if (!declines.isEmpty()) {
            return new RiskDecision(RiskDecision.Outcome.DECLINED, declines);
        }
        if (report.score() < AUTO_APPROVE_SCORE) {
            return new RiskDecision(RiskDecision.Outcome.REFERRED, List.of("credit-score-borderline"));
        }
        return new RiskDecision(RiskDecision.Outcome.APPROVED, List.of());
    }

    static boolean affordable(BureauReport report, RiskQuery query) {
        BigDecimal income = query.monthlyNetIncome();
        if (income.signum() <= 0) {
            return false;
        }
        BigDecimal debtService = report.monthlyDebtPayments().add(query.highestInstalment());
        BigDecimal commitments = debtService.add(query.monthlyHousingCost());
        return debtService.divide(income, MathContext.DECIMAL64).compareTo(MAX_DEBT_SERVICE_RATIO) <= 0
                && commitments.divide(income, MathContext.DECIMAL64).compareTo(MAX_COMMITMENT_RATIO) <= 0;
    }
}
