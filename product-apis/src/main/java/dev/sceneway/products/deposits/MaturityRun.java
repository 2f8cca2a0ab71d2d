package dev.sceneway.products.deposits;

import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The maturity run: pays out every active deposit due by a day, one deposit per transaction so that one failure (the
 * interest-expense account missing, say) never holds up another; a deposit left active is tried again next run.
 * Idempotent and safe on several replicas: a deposit is paid under its row lock, only while still active.
 */
@Component
class MaturityRun {

    private static final Logger log = LoggerFactory.getLogger(MaturityRun.class);
    private static final int BATCH = 200;

    private final TermDepositRepository deposits;
    private final TermDepositService service;

    MaturityRun(TermDepositRepository deposits, TermDepositService service) {
        this.deposits = deposits;
        this.service = service;
    }

    /** Today in the bank's calendar. */
    void runToday() {
        run(service.today());
    }

    /** @return how many deposits this run paid out */
    int run(LocalDate day) {
        int paid = 0;
        for (String termDepositId : deposits.dueBy(day, BATCH)) {
            try {
                if (service.mature(termDepositId, day)) {
                    paid++;
                }
            } catch (RuntimeException e) {
                log.warn("Paying out term deposit {} failed; retried next run: {}", termDepositId, e.toString());
            }
        }
        return paid;
    }
}
