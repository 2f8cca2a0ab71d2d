package dev.sceneway.products.payments;

import static dev.sceneway.products.payments.generated.api.RefundsApi.PATH_GET_REFUND;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.payments.generated.api.RefundsApi;
import dev.sceneway.products.payments.generated.model.Refund;
import dev.sceneway.products.payments.generated.model.RefundRequest;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Refunds API ({@code openapi/specs/payments.yaml}): partner-level, the partner being the token's
 * {@code client_id}; a partner sees and refunds only the payments it made. Generated models stop here.
 */
@RestController
class RefundController implements RefundsApi {

    private final RefundService service;
    private final RefundRepository refunds;
    private final BankProperties bank;

    RefundController(RefundService service, RefundRepository refunds, BankProperties bank) {
        this.service = service;
        this.refunds = refunds;
        this.bank = bank;
    }

    /** 201 for the first request and for every repetition with the same key: the same refund, the same id. */
    @Override
    public ResponseEntity<Refund> createRefund(String bankId, String xIdempotencyKey, RefundRequest request,
            @Nullable UUID xFapiInteractionId) {
        // The spec's pattern guarantees a positive amount with exactly 2 decimals.
        RefundOrder order = new RefundOrder(request.getPaymentId(), new BigDecimal(request.getAmount()),
                request.getCurrency(), request.getReference());
        RefundRecord refund = service.refund(partner(), xIdempotencyKey, order);
        URI location = UriComponentsBuilder.fromPath(PATH_GET_REFUND).buildAndExpand(bank.id(), refund.refundId())
                .toUri();
        return ResponseEntity.created(location).body(toApi(refund));
    }

    @Override
    public ResponseEntity<Refund> getRefund(String bankId, UUID refundId, @Nullable UUID xFapiInteractionId) {
        String partner = partner();
        return refunds.find(refundId).filter(refund -> refund.partner().equals(partner))
                .map(refund -> ResponseEntity.ok(toApi(refund)))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "This partner made no refund " + refundId + " at this bank."));
    }

    /** The partner app the token was issued to (every token of the auth-server names it). */
    private static String partner() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt
                && jwt.getToken().getClaims().get("client_id") instanceof String clientId && !clientId.isBlank()) {
            return clientId;
        }
        throw new ProblemException(ProblemType.TOKEN_INVALID, "The access token does not name its partner app.");
    }

    private static Refund toApi(RefundRecord refund) {
        return new Refund(refund.refundId(), refund.paymentId(), Refund.StatusEnum.COMPLETED,
                refund.amount().setScale(2).toPlainString(), refund.currency(), refund.reference(),
                refund.fromAccount(), refund.toAccount(), refund.paymentRefundedTotal().setScale(2).toPlainString(),
                refund.createdAt().atOffset(ZoneOffset.UTC));
    }
}
