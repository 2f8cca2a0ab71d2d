package dev.sceneway.products.credit.risk;

import java.time.Duration;
import java.util.Optional;

/**
 * The risk port: a decision for an application, or nothing when the risk data did not arrive within
 * {@code patience} (the application then stays pending and is decided later). Implementations never throw for an
 * unavailable outside system: unavailability is the empty answer.
 */
public interface CreditRisk {

    Optional<RiskDecision> assess(RiskQuery query, Duration patience);
}
