package dev.sceneway.products.credit.agreement;

import java.time.LocalDate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The servicing run: for every active agreement with an instalment owed by {@code day} (or due within the notice
 * window), collect it ({@link AgreementService#collect}), one agreement per transaction so one customer's trouble
 * never holds up another's. Runs on the scheduler every {@code sceneway.credit.retry-interval}; it is idempotent
 * (paid instalments are skipped, notices go out once), so running it often or on several replicas is safe.
 */
@Component
public class InstalmentCollector {

    private static final Logger log = LoggerFactory.getLogger(InstalmentCollector.class);

    private final AgreementRepository agreements;
    private final AgreementService service;

    InstalmentCollector(AgreementRepository agreements, AgreementService service) {
        this.agreements = agreements;
        this.service = service;
    }

    /** Today in the bank's calendar. */
    public void collectToday() {
        collect(service.today());
    }

    public void collect(LocalDate day) {
        for (UUID agreementId : agreements.withInstalmentsBefore(day.plusDays(noticeDays()))) {
            try {
                service.collect(agreementId, day);
            } catch (RuntimeException e) {
                log.warn("Collecting the instalments of agreement {} failed; retried next run: {}", agreementId,
                        e.toString());
            }
        }
    }

    private int noticeDays() {
        return service.noticeDays();
    }
}
