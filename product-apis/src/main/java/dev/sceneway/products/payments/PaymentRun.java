package dev.sceneway.products.payments;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The payment run: executes pending payments (those above the instant limit), oldest first, one payment per
 * transaction so that one failure never holds up the others; a payment left pending is tried again next run. Safe on
 * several replicas: a payment is executed under its row lock ({@code SKIP LOCKED}), only while still pending.
 */
@Component
class PaymentRun {

    private static final Logger log = LoggerFactory.getLogger(PaymentRun.class);
    private static final int BATCH = 200;

    private final PaymentRepository payments;
    private final PaymentService service;

    PaymentRun(PaymentRepository payments, PaymentService service) {
        this.payments = payments;
        this.service = service;
    }

    /** @return how many payments this run moved on (completed or rejected) */
    int run() {
        int moved = 0;
        for (UUID paymentId : payments.pending(BATCH)) {
            try {
                if (service.execute(paymentId).isPresent()) {
                    moved++;
                }
            } catch (RuntimeException e) {
                log.warn("Executing pending payment {} failed; retried next run: {}", paymentId, e.toString());
            }
        }
        return moved;
    }
}
