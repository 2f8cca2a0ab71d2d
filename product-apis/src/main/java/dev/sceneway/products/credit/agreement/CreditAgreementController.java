package dev.sceneway.products.credit.agreement;

import static dev.sceneway.products.credit.generated.api.CreditAgreementsApi.PATH_GET_CREDIT_AGREEMENT;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.ConsentGuard;
import dev.sceneway.products.consent.ConsentType;
import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.credit.agreement.AgreementRecord.InstalmentRow;
import dev.sceneway.products.credit.agreement.AgreementRecord.TrancheRow;
import dev.sceneway.products.credit.generated.api.CreditAgreementsApi;
import dev.sceneway.products.credit.generated.model.AgreementInstalment;
import dev.sceneway.products.credit.generated.model.AgreementStatus;
import dev.sceneway.products.credit.generated.model.AgreementTranche;
import dev.sceneway.products.credit.generated.model.CreditAgreement;
import dev.sceneway.products.credit.generated.model.EarlyRepaymentQuote;
import dev.sceneway.products.credit.generated.model.EarlyRepaymentRequest;
import dev.sceneway.products.credit.generated.model.MilestoneReport;
import dev.sceneway.products.credit.generated.model.OfferAcceptance;
import dev.sceneway.products.credit.generated.model.RepaymentMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Credit agreements (credit.yaml): acceptance and every change after it need the credit consent's
 * {@code accept-agreement} permission; reading needs {@code share-application-data}. An agreement is visible only
 * under the consent it was signed under, to the same partner.
 */
@RestController
class CreditAgreementController implements CreditAgreementsApi {

    static final String ACCEPT_AGREEMENT = "accept-agreement";
    static final String SHARE_APPLICATION_DATA = "share-application-data";

    private final ConsentGuard consents;
    private final AgreementService service;
    private final BankProperties bank;

    CreditAgreementController(ConsentGuard consents, AgreementService service, BankProperties bank) {
        this.consents = consents;
        this.service = service;
        this.bank = bank;
    }

    @Override
    public ResponseEntity<CreditAgreement> acceptCreditOffer(String bankId, UUID applicationId,
            String xIdempotencyKey, OfferAcceptance acceptance, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, ACCEPT_AGREEMENT);
        AgreementRecord agreement = service.accept(consent, applicationId, acceptance.getDisclosureDigest());
        URI location = UriComponentsBuilder.fromPath(PATH_GET_CREDIT_AGREEMENT)
                .buildAndExpand(bank.id(), agreement.agreementId()).toUri();
        return ResponseEntity.created(location).body(toApi(agreement, service.today()));
    }

    @Override
    public ResponseEntity<CreditAgreement> getCreditAgreement(String bankId, UUID agreementId,
            @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, SHARE_APPLICATION_DATA);
        return ResponseEntity.ok(toApi(service.visible(consent, agreementId), service.today()));
    }

    @Override
    public ResponseEntity<CreditAgreement> reportMilestone(String bankId, UUID agreementId, String xIdempotencyKey,
            MilestoneReport report, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, ACCEPT_AGREEMENT);
        return ResponseEntity.ok(toApi(service.reportMilestone(consent, agreementId, report.getTrancheNumber()),
                service.today()));
    }

    @Override
    public ResponseEntity<EarlyRepaymentQuote> quoteEarlyRepayment(String bankId, UUID agreementId,
            @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, SHARE_APPLICATION_DATA);
        Settlement quote = service.earlyRepaymentQuote(consent, agreementId);
        return ResponseEntity.ok(new EarlyRepaymentQuote(agreementId,
                service.visible(consent, agreementId).currency().getCurrencyCode(), quote.on(),
                money(quote.outstandingPrincipal().subtract(quote.undrawn())), money(quote.accruedInterest()),
                money(quote.fee()), money(quote.total())));
    }

    @Override
    public ResponseEntity<CreditAgreement> repayEarly(String bankId, UUID agreementId, String xIdempotencyKey,
            EarlyRepaymentRequest request, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, ACCEPT_AGREEMENT);
        return ResponseEntity.ok(toApi(service.settle(consent, agreementId, Settlement.EARLY_REPAYMENT,
                new BigDecimal(request.getAmount())), service.today()));
    }

    @Override
    public ResponseEntity<CreditAgreement> withdrawFromAgreement(String bankId, UUID agreementId,
            String xIdempotencyKey, EarlyRepaymentRequest request, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, ACCEPT_AGREEMENT);
        return ResponseEntity.ok(toApi(service.settle(consent, agreementId, Settlement.WITHDRAWAL,
                new BigDecimal(request.getAmount())), service.today()));
    }

    static CreditAgreement toApi(AgreementRecord agreement, LocalDate today) {
        CreditAgreement api = new CreditAgreement(agreement.agreementId(), agreement.applicationId(),
                AgreementStatus.fromValue(agreement.status().wireName()), agreement.productId(),
                RepaymentMethod.fromValue(agreement.repaymentMethod().name()), money(agreement.principal()),
                agreement.currency().getCurrencyCode(), agreement.termMonths(),
                percent(agreement.nominalRatePercent()), percent(agreement.aprPercent()),
                agreement.signedAt().atOffset(ZoneOffset.UTC), agreement.withdrawalDeadline(),
                agreement.loanAccountId(), agreement.merchantAccountId(), agreement.repaymentAccountId(),
                money(agreement.outstandingPrincipal()),
                agreement.tranches().stream().map(CreditAgreementController::tranche).toList(),
                agreement.schedule().stream().map(CreditAgreementController::instalment).toList());
        agreement.schedule().stream().filter(InstalmentRow::unpaid).findFirst()
                .filter(row -> agreement.status() == AgreementRecord.Status.ACTIVE)
                .ifPresent(row -> api.setNextInstalment(instalment(row)));
        Settlement withdrawal = AgreementService.withdrawalFigures(agreement, today);
        if (withdrawal != null) {
            api.setWithdrawalAmount(money(withdrawal.total()));
        }
        if (agreement.closedAt() != null) {
            api.setClosedAt(agreement.closedAt().atOffset(ZoneOffset.UTC));
        }
        return api;
    }

    private static AgreementTranche tranche(TrancheRow row) {
        AgreementTranche api = new AgreementTranche(row.number(), row.milestone(), money(row.amount()),
                money(row.merchantFee()), row.released() ? AgreementTranche.StatusEnum.RELEASED
                        : AgreementTranche.StatusEnum.AWAITING);
        if (row.releasedAt() != null) {
            api.setReleasedAt(row.releasedAt().atOffset(ZoneOffset.UTC));
        }
        return api;
    }

    private static AgreementInstalment instalment(InstalmentRow row) {
        return new AgreementInstalment(row.number(), row.dueDate(), money(row.instalment()), money(row.principal()),
                money(row.interest()), money(row.remainingPrincipal()),
                AgreementInstalment.StatusEnum.fromValue(row.status()));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String percent(BigDecimal percent) {
        return percent.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
