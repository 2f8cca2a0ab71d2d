package dev.sceneway.products.deposits;

import static dev.sceneway.products.accounts.generated.api.TermDepositsApi.PATH_GET_TERM_DEPOSIT;

import dev.sceneway.products.accounts.generated.api.TermDepositsApi;
import dev.sceneway.products.accounts.generated.model.OpenTermDepositRequest;
import dev.sceneway.products.accounts.generated.model.TermDeposit;
import dev.sceneway.products.accounts.generated.model.TermDepositProduct.InterestMethodEnum;
import dev.sceneway.products.accounts.generated.model.TermDepositProductList;
import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.consent.ConsentGuard;
import dev.sceneway.products.consent.ConsentType;
import dev.sceneway.products.consent.CustomerConsent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Term deposits operations of {@code openapi/specs/accounts.yaml}: the catalogue (partner-level), opening a
 * deposit (account-access consent with {@code open-term-deposits}) and reading one (permission {@code accounts}, the
 * deposits opened under that consent). Generated models stop here.
 */
@RestController
class TermDepositController implements TermDepositsApi {

    static final String PERMISSION_OPEN = "open-term-deposits";
    static final String PERMISSION_READ = "accounts";

    private final ConsentGuard consents;
    private final TermDepositService service;
    private final TermDepositProducts products;
    private final BankProperties bank;

    TermDepositController(ConsentGuard consents, TermDepositService service, TermDepositProducts products,
            BankProperties bank) {
        this.consents = consents;
        this.service = service;
        this.products = products;
        this.bank = bank;
    }

    @Override
    public ResponseEntity<TermDepositProductList> listTermDepositProducts(String bankId,
            @Nullable UUID xFapiInteractionId) {
        return ResponseEntity.ok(new TermDepositProductList(products.offered().stream()
                .map(product -> new dev.sceneway.products.accounts.generated.model.TermDepositProduct(
                        product.productId(), product.name(), product.currency().getCurrencyCode(),
                        product.termMonths(), percent(product.annualRatePercent()), money(product.minAmount()),
                        money(product.maxAmount()), InterestMethodEnum.SIMPLE_ACT_365))
                .toList()));
    }

    /** 201 for the first request and for every repetition with the same key: the same deposit. */
    @Override
    public ResponseEntity<TermDeposit> openTermDeposit(String bankId, String xIdempotencyKey,
            OpenTermDepositRequest request, @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.ACCOUNT_ACCESS, PERMISSION_OPEN);
        // The spec's pattern guarantees a positive amount with exactly 2 decimals.
        TermDepositOrder order = new TermDepositOrder(request.getProductId(), request.getSourceAccount(),
                new BigDecimal(request.getAmount()), request.getCurrency());
        TermDepositRecord deposit = service.open(consent, xIdempotencyKey, order);
        URI location = UriComponentsBuilder.fromPath(PATH_GET_TERM_DEPOSIT)
                .buildAndExpand(bank.id(), deposit.termDepositId()).toUri();
        return ResponseEntity.created(location).body(toApi(deposit));
    }

    @Override
    public ResponseEntity<TermDeposit> getTermDeposit(String bankId, String termDepositId,
            @Nullable UUID xFapiInteractionId) {
        CustomerConsent consent = consents.require(ConsentType.ACCOUNT_ACCESS, PERMISSION_READ);
        return ResponseEntity.ok(toApi(service.read(consent, termDepositId)));
    }

    private static TermDeposit toApi(TermDepositRecord deposit) {
        MaturityTerms terms = deposit.terms();
        TermDeposit api = new TermDeposit(deposit.termDepositId(), deposit.productId(),
                deposit.status() == TermDepositRecord.Status.ACTIVE ? TermDeposit.StatusEnum.ACTIVE
                        : TermDeposit.StatusEnum.MATURED,
                deposit.sourceAccount(), money(deposit.principal()), deposit.currency(),
                percent(deposit.annualRatePercent()), deposit.termMonths(), terms.startDate().toString(),
                terms.maturityDate().toString(), terms.days(), money(terms.interest()),
                money(terms.maturityAmount()), deposit.openedAt().atOffset(ZoneOffset.UTC));
        if (deposit.maturedAt() != null) {
            api.setMaturedAt(deposit.maturedAt().atOffset(ZoneOffset.UTC));
        }
        return api;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Two decimals (the contract's Percent): the database allows no more, so this is the rate the interest uses. */
    private static String percent(BigDecimal rate) {
        return rate.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
