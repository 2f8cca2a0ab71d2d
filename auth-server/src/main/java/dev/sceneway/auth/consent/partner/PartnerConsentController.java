package dev.sceneway.auth.consent.partner;

import dev.sceneway.auth.consent.ConsentLifecycle;
import dev.sceneway.auth.consent.ConsentStateException;
import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.consent.InvalidConsentException;
import dev.sceneway.auth.consent.NewConsent;
import dev.sceneway.auth.consent.PaymentTerms;
import dev.sceneway.auth.consent.StoredConsent;
import dev.sceneway.auth.consent.generated.api.ConsentsApi;
import dev.sceneway.auth.consent.generated.model.AccountAccessConsentRequest;
import dev.sceneway.auth.consent.generated.model.Consent;
import dev.sceneway.auth.consent.generated.model.CreditConsentRequest;
import dev.sceneway.auth.consent.generated.model.PaymentConsentRequest;
import dev.sceneway.auth.problem.ProblemException;
import dev.sceneway.auth.problem.ProblemType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The consents API for partners, implementing the interface generated from consents.yaml. Every operation first
 * checks the caller ({@link PartnerCaller}: the bank in its token's {@code banks}, the consent type's scope);
 * a consent of another partner, or at another bank, is answered exactly like an unknown one (404), so ids cannot be
 * probed.
 */
@RestController
class PartnerConsentController implements ConsentsApi {

    private final ConsentLifecycle consents;

    PartnerConsentController(ConsentLifecycle consents) {
        this.consents = consents;
    }

    @Override
    public ResponseEntity<Consent> createAccountAccessConsent(String bankId, String xIdempotencyKey,
            AccountAccessConsentRequest body, @Nullable UUID xFapiInteractionId) {
        PartnerCaller caller = PartnerCaller.current(bankId).requireScope(ConsentType.ACCOUNT_ACCESS);
        return created(bankId, create(caller, bankId, NewConsent.accountAccess(
                body.getPermissions().stream().map(Object::toString).toList(), instant(body.getExpiresAt()),
                body.getFrequencyPerDay())));
    }

    @Override
    public ResponseEntity<Consent> createPaymentConsent(String bankId, String xIdempotencyKey,
            PaymentConsentRequest body, @Nullable UUID xFapiInteractionId) {
        PartnerCaller caller = PartnerCaller.current(bankId).requireScope(ConsentType.PAYMENT);
        return created(bankId, create(caller, bankId, NewConsent.payment(new PaymentTerms(amount(body.getAmount()),
                body.getCurrency(), body.getCreditorAccount(), body.getCreditorName(), body.getReference()))));
    }

    @Override
    public ResponseEntity<Consent> createCreditConsent(String bankId, String xIdempotencyKey,
            CreditConsentRequest body, @Nullable UUID xFapiInteractionId) {
        PartnerCaller caller = PartnerCaller.current(bankId).requireScope(ConsentType.CREDIT);
        return created(bankId, create(caller, bankId, NewConsent.credit(
                body.getPermissions().stream().map(Object::toString).toList(), instant(body.getExpiresAt()))));
    }

    @Override
    public ResponseEntity<Consent> getConsent(String bankId, UUID consentId, @Nullable UUID xFapiInteractionId) {
        PartnerCaller caller = PartnerCaller.current(bankId);
        StoredConsent consent = owned(caller, bankId, consentId);
        caller.requireScope(consent.view().type());
        return ResponseEntity.ok(ConsentJson.toApi(consent));
    }

    @Override
    public ResponseEntity<Void> revokeConsent(String bankId, UUID consentId, @Nullable String xIdempotencyKey,
            @Nullable UUID xFapiInteractionId) {
        PartnerCaller caller = PartnerCaller.current(bankId);
        caller.requireScope(owned(caller, bankId, consentId).view().type());
        try {
            consents.revokeByPartner(caller.partnerId(), bankId, consentId.toString());
        } catch (NoSuchElementException e) {
            throw notFound(consentId);
        } catch (ConsentStateException e) {
            throw new ProblemException(ProblemType.CONSENT_STATE_CONFLICT, "Consent '" + consentId + "' is "
                    + owned(caller, bankId, consentId).status().wireName()
                    + "; only an AwaitingAuthorisation or Authorised consent can be revoked.");
        }
        return ResponseEntity.noContent().build();
    }

    private StoredConsent create(PartnerCaller caller, String bankId, NewConsent request) {
        try {
            return consents.create(caller.partnerId(), bankId, request);
        } catch (InvalidConsentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, e.getMessage());
        }
    }

    private StoredConsent owned(PartnerCaller caller, String bankId, UUID consentId) {
        return consents.findForPartner(caller.partnerId(), bankId, consentId.toString())
                .orElseThrow(() -> notFound(consentId));
    }

    private static ResponseEntity<Consent> created(String bankId, StoredConsent consent) {
        URI location = UriComponentsBuilder.fromPath(ConsentsApi.PATH_GET_CONSENT)
                .buildAndExpand(bankId, consent.id()).toUri();
        return ResponseEntity.created(location).body(ConsentJson.toApi(consent));
    }

    private static ProblemException notFound(UUID consentId) {
        return new ProblemException(ProblemType.NOT_FOUND, "No consent with id '" + consentId + "'.");
    }

    /** RFC 3339 {@code date-time}, with an offset (common.yaml's DateTime). */
    private static @Nullable Instant instant(@Nullable String time) {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "Field 'expiresAt' must be an RFC 3339 date-time with an offset, e.g. 2026-12-22T00:00:00Z.");
        }
    }

    private static BigDecimal amount(String amount) {
        try {
            return new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "Field 'amount' must be a decimal string.");
        }
    }
}
