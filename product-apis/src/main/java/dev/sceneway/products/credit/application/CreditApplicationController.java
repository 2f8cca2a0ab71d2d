package dev.sceneway.products.credit.application;

import static dev.sceneway.products.credit.generated.api.CreditApplicationsApi.PATH_GET_CREDIT_APPLICATION;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.ConsentGuard;
import dev.sceneway.products.consent.ConsentType;
import dev.sceneway.products.consent.CustomerConsent;
import dev.sceneway.products.credit.application.ApplicationRecord.Applicant;
import dev.sceneway.products.credit.application.ApplicationRecord.RequestedTranche;
import dev.sceneway.products.credit.application.ApplicationRecord.Status;
import dev.sceneway.products.credit.generated.api.CreditApplicationsApi;
import dev.sceneway.products.credit.generated.model.ApplicationStatus;
import dev.sceneway.products.credit.generated.model.CreditApplication;
import dev.sceneway.products.credit.generated.model.CreditApplicationRequest;
import dev.sceneway.products.credit.generated.model.Offer;
import dev.sceneway.products.credit.generated.model.PreContractDisclosure;
import dev.sceneway.products.credit.generated.model.RepaymentMethod;
import dev.sceneway.products.credit.generated.model.Tranche;
import dev.sceneway.products.credit.quote.QuotePlan;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Credit applications (credit.yaml): checks the credit consent's permissions, then hands over to
 * {@link ApplicationService}. An application is visible only under the consent it was made under, to the same
 * partner; anything else reads as not in consent.
 */
@RestController
class CreditApplicationController implements CreditApplicationsApi {

    static final String SHARE_APPLICATION_DATA = "share-application-data";
    static final String CREDIT_BUREAU_CHECK = "credit-bureau-check";

    private final ConsentGuard consents;
    private final ApplicationService service;
    private final ApplicationRepository applications;
    private final BankProperties bank;
    private final Clock clock;

    CreditApplicationController(ConsentGuard consents, ApplicationService service, ApplicationRepository applications,
            BankProperties bank, Clock clock) {
        this.consents = consents;
        this.service = service;
        this.applications = applications;
        this.bank = bank;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<CreditApplication> createCreditApplication(String bankId, String xIdempotencyKey,
            CreditApplicationRequest request, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, SHARE_APPLICATION_DATA);
        consents.require(ConsentType.CREDIT, CREDIT_BUREAU_CHECK);
        List<RequestedTranche> tranches = new ArrayList<>();
        List<Tranche> requested = request.getStagedDrawdowns() == null ? List.of() : request.getStagedDrawdowns();
        for (int i = 0; i < requested.size(); i++) {
            tranches.add(new RequestedTranche(i + 1, requested.get(i).getMilestone(),
                    new BigDecimal(requested.get(i).getAmount())));
        }
        var applicant = request.getApplicant();
        NewApplication order = new NewApplication(request.getProductId(),
                dev.sceneway.products.credit.catalogue.RepaymentMethod.valueOf(request.getRepaymentMethod().name()),
                new BigDecimal(request.getAmount()), request.getCurrency(), request.getTermMonths(),
                request.getMerchantAccountId(), request.getRepaymentAccountId(), request.getOrderReference(),
                new Applicant(money(applicant.getMonthlyNetIncome(), "applicant.monthlyNetIncome"),
                        money(applicant.getMonthlyHousingCost(), "applicant.monthlyHousingCost"),
                        applicant.getEmploymentStatus().getValue(), applicant.getDependants()),
                tranches);
        ApplicationRecord application = service.apply(consent, xIdempotencyKey, order);
        URI location = UriComponentsBuilder.fromPath(PATH_GET_CREDIT_APPLICATION)
                .buildAndExpand(bank.id(), application.applicationId()).toUri();
        return ResponseEntity.created(location).body(toApi(application, clock.instant()));
    }

    @Override
    public ResponseEntity<CreditApplication> getCreditApplication(String bankId, UUID applicationId,
            @Nullable UUID xFapiInteractionId) {
        return ResponseEntity.ok(toApi(visible(applicationId), clock.instant()));
    }

    @Override
    public ResponseEntity<PreContractDisclosure> getPreContractDisclosure(String bankId, UUID applicationId,
            @Nullable UUID xFapiInteractionId) {
        ApplicationRecord application = visible(applicationId);
        if (application.offerTerms() == null) {
            throw new ProblemException(ProblemType.CREDIT_STATE_CONFLICT, "The application is "
                    + application.status().wireName() + "; only an approved offer has a pre-contract disclosure.");
        }
        Disclosure disclosure = Disclosure.of(application, bank.name());
        return ResponseEntity.ok(new PreContractDisclosure(application.applicationId(), disclosure.digest(),
                disclosure.text()));
    }

    private ApplicationRecord visible(UUID applicationId) {
        CustomerConsent consent = consents.require(ConsentType.CREDIT, SHARE_APPLICATION_DATA);
        return applications.find(applicationId)
                .filter(application -> application.consentId().equals(consent.consentId())
                        && application.partner().equals(consent.partner()))
                .orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_IN_CONSENT,
                        "The application addressed was not made under this consent."));
    }

    static CreditApplication toApi(ApplicationRecord application, Instant now) {
        Status status = application.statusAt(now);
        CreditApplication api = new CreditApplication(application.applicationId(),
                ApplicationStatus.fromValue(status.wireName()), application.productId(),
                RepaymentMethod.fromValue(application.repaymentMethod().name()), money(application.amount()),
                application.currency().getCurrencyCode(), application.termMonths(), application.merchantAccountId(),
                application.repaymentAccountId(), application.orderReference(), application.declineReasons(),
                application.createdAt().atOffset(ZoneOffset.UTC));
        if (application.decidedAt() != null) {
            api.setDecidedAt(application.decidedAt().atOffset(ZoneOffset.UTC));
        }
        if (application.offerTerms() != null) {
            QuotePlan plan = application.offerPlan();
            api.setOffer(new Offer(percent(plan.nominalAnnualRatePercent()), money(plan.arrangementFee()),
                    money(plan.instalment()), money(plan.totalInterest()), money(plan.totalCost()),
                    money(plan.totalRepayable()), percent(plan.aprPercent()),
                    percent(plan.merchantDiscountPercent()),
                    Objects.requireNonNull(application.offerValidUntil()).atOffset(ZoneOffset.UTC)));
        }
        return api;
    }

    private static BigDecimal money(String amount, String field) {
        try {
            return new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("'" + field + "' must be a decimal amount.");
        }
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static String percent(BigDecimal percent) {
        return percent.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
