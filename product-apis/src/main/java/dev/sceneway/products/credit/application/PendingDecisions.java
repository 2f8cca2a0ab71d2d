package dev.sceneway.products.credit.application;

import dev.sceneway.products.credit.CreditProperties;
import dev.sceneway.products.credit.application.ApplicationRecord.Status;
import dev.sceneway.products.credit.application.ApplicationRecord.Terms;
import dev.sceneway.products.credit.catalogue.ActiveCreditProducts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides the applications left pending (the bureau did not answer within the partner's request, or that request
 * died): each due one is leased for {@code retryPatience + retryInterval}, asked again with the longer
 * {@code retryPatience}, and decided; one the bureau still does not answer is retried when its lease runs out, with
 * a fixed lease between attempts (bounded load on a struggling bureau). The partner learns the outcome from the {@code credit.application.decided}
 * webhook.
 */
@Component
public class PendingDecisions {

    private static final int BATCH = 20;

    private final ApplicationRepository applications;
    private final ApplicationService service;
    private final ActiveCreditProducts products;
    private final CreditProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PendingDecisions(ApplicationRepository applications, ApplicationService service, ActiveCreditProducts products,
            CreditProperties properties, TransactionTemplate transactions, Clock clock) {
        this.applications = applications;
        this.service = service;
        this.products = products;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One round; returns how many applications it decided. */
    public int decideDue() {
        Instant now = clock.instant();
        Duration lease = properties.retryPatience().plus(properties.retryInterval());
        List<UUID> due = transactions.execute(status -> applications.claimDue(now, now.plus(lease), BATCH));
        int decided = 0;
        for (UUID id : due == null ? List.<UUID>of() : due) {
            ApplicationRecord application = applications.find(id).orElseThrow();
            if (application.status() != Status.PENDING) {
                continue;
            }
            // The product's current terms: the offer is made when the decision is. A product retired meanwhile
            // leaves the application pending (the bank's staff decide it).
            var product = products.find(application.productId()).orElse(null);
            if (product == null) {
                continue;
            }
            Terms terms = new Terms(product.nominalAnnualRatePercent(), product.arrangementFee(),
                    product.merchantDiscountPercent());
            if (service.decide(application, terms, properties.retryPatience())) {
                decided++;
            }
        }
        return decided;
    }
}
