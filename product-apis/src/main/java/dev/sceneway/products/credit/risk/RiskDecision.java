package dev.sceneway.products.credit.risk;

import java.util.List;

/** The outcome and its reason codes (credit.yaml {@code DeclineReason}); no reasons for a plain approval. */
public record RiskDecision(Outcome outcome, List<String> reasons) {

    public enum Outcome { APPROVED, REFERRED, DECLINED }

    public RiskDecision {
        reasons = List.copyOf(reasons);
    }
}
