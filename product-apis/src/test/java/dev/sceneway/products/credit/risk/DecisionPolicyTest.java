package dev.sceneway.products.credit.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {

    private static RiskQuery query(String instalment, String income, String housing) {
        return new RiskQuery("someone", "lakeside", new BigDecimal("6000.00"), new BigDecimal(instalment),
                new BigDecimal(income), new BigDecimal(housing), "EMPLOYED", 0);
    }

    private static BureauReport report(int score, String debt, String... adverse) {
        return new BureauReport(score, List.of(adverse), new BigDecimal(debt));
    }

    @Test
    void aCleanFileAGoodScoreAndAnAffordableInstalmentAreApproved() {
        assertThat(DecisionPolicy.decide(report(680, "0.00"), query("515.00", "3000.00", "900.00")))
                .isEqualTo(new RiskDecision(RiskDecision.Outcome.APPROVED, List.of()));
    }

    @Test
    void aBorderlineScoreIsReferredToAPerson() {
        assertThat(DecisionPolicy.decide(report(679, "0.00"), query("515.00", "3000.00", "900.00")))
                .isEqualTo(new RiskDecision(RiskDecision.Outcome.REFERRED, List.of("credit-score-borderline")));
    }

    @Test
    void everyDeclineReasonThatAppliesIsListed() {
        assertThat(DecisionPolicy.decide(report(599, "900.00", "DEFAULT"), query("515.00", "3000.00", "900.00")))
                .isEqualTo(new RiskDecision(RiskDecision.Outcome.DECLINED,
                        List.of("adverse-credit-record", "credit-score-too-low", "affordability")));
    }

    @Test
    void affordabilityStopsAtFortyPercentOfIncomeForDebtsAndSeventyWithHousing() {
        // Debts 700 + instalment 500 = 1200 = 40 % of 3000: still affordable; one cent more is not.
        assertThat(DecisionPolicy.affordable(report(800, "700.00"), query("500.00", "3000.00", "900.00"))).isTrue();
        assertThat(DecisionPolicy.affordable(report(800, "700.01"), query("500.00", "3000.00", "900.00"))).isFalse();
        // Debts 1200 + housing 900 = 2100 = 70 %: affordable; housing one cent more is not.
        assertThat(DecisionPolicy.affordable(report(800, "700.00"), query("500.00", "3000.00", "900.00"))).isTrue();
        assertThat(DecisionPolicy.affordable(report(800, "700.00"), query("500.00", "3000.00", "900.01"))).isFalse();
        assertThat(DecisionPolicy.affordable(report(800, "0.00"), query("1.00", "0.00", "0.00"))).isFalse();
    }
}
