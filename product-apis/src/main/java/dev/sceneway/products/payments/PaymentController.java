package dev.sceneway.products.payments;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.ConsentGuard;
import dev.sceneway.products.consent.ConsentType;
import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.payments.generated.api.PaymentsApi;
import dev.sceneway.products.payments.generated.model.Payment;
import dev.sceneway.products.payments.generated.model.PaymentRequest;
import dev.sceneway.products.payments.generated.model.PaymentStatus;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Payments API, implementing the interface generated from {@code openapi/specs/payments.yaml}: checks the
 * payment consent (type and bank, {@link ConsentGuard}), then hands over to {@link PaymentService}. Generated models
 * stop here.
 */
@RestController
class PaymentController implements PaymentsApi {

    private final ConsentGuard consents;
    private final PaymentService service;
    private final PaymentRepository payments;
    private final BankProperties bank;

    PaymentController(ConsentGuard consents, PaymentService service, PaymentRepository payments, BankProperties bank) {
        this.consents = consents;
        this.service = service;
        this.payments = payments;
        this.bank = bank;
    }

    /** 201 for the first request and for every repetition with the same key: the same payment, the same id. */
    @Override
    public ResponseEntity<Payment> createPayment(String bankId, String xIdempotencyKey, PaymentRequest request,
            @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.PAYMENT);
        // The spec's pattern guarantees a positive amount with exactly 2 decimals.
        PaymentOrder order = new PaymentOrder(request.getDebtorAccount(), request.getCreditorAccount(),
                new BigDecimal(request.getAmount()), request.getCurrency(), request.getReference());
        PaymentRecord payment = service.pay(consent, xIdempotencyKey, order);
        URI location = UriComponentsBuilder.fromPath(PATH_GET_PAYMENT)
                .buildAndExpand(bank.id(), payment.paymentId()).toUri();
        return ResponseEntity.created(location).body(toApi(payment));
    }

    /** Only a payment made under the token's consent, by the same partner; anything else reads as not in consent. */
    @Override
    public ResponseEntity<Payment> getPayment(String bankId, UUID paymentId, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.PAYMENT);
        return payments.find(paymentId)
                .filter(payment -> payment.consentId().equals(consent.consentId())
                        && payment.partner().equals(consent.partner()))
                .map(payment -> ResponseEntity.ok(toApi(payment)))
                .orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                        "The payment addressed was not made under this consent."));
    }

    private static Payment toApi(PaymentRecord payment) {
        Payment api = new Payment(payment.paymentId(),
                PaymentStatus.fromValue(payment.status().name().toLowerCase(Locale.ROOT)), payment.debtorAccount(),
                payment.creditorAccount(), payment.creditorName(), payment.amount().setScale(2).toPlainString(),
                payment.currency(), payment.reference(), payment.createdAt().atOffset(ZoneOffset.UTC));
        api.setStatusUpdatedAt(payment.statusUpdatedAt().atOffset(ZoneOffset.UTC));
        if (payment.statusReason() != null) {
            api.setStatusReason(payment.statusReason());
        }
        return api;
    }
}
