package dev.sceneway.products.credit.catalogue;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.credit.generated.api.CreditProductsApi;
import dev.sceneway.products.credit.generated.model.CreditProductPage;
import dev.sceneway.products.credit.generated.model.PageLinks;
import dev.sceneway.products.credit.generated.model.RepaymentMethod;
import dev.sceneway.products.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The bank's credit product catalogue (scope {@code products}), implementing the interface generated from
 * {@code openapi/specs/credit.yaml}. Generated models stop here: domain types in, generated models out. The
 * {@code {bankId}} is checked against this instance's bank before any handler runs (see {@code OwnBankInterceptor});
 * the {@code x-fapi-interaction-id} header is handled for every request by the {@code interaction} filter.
 */
@RestController
class CreditProductController implements CreditProductsApi {

    /** The API shows the nominal rate with 2 decimals. */
    static final int RATE_DISPLAY_SCALE = 2;

    private final CreditProductRepository products;
    private final BankProperties bank;

    CreditProductController(CreditProductRepository products, BankProperties bank) {
        this.products = products;
        this.bank = bank;
    }

    /**
     * One page in {@code productId} order. Fetches {@code limit + 1} rows: the extra row only tells whether a next
     * page exists, and is not shown. Links are relative references (path and query), never absolute URLs, so no
     * internal host name leaks through the gateway.
     */
    @Override
    public ResponseEntity<CreditProductPage> listCreditProducts(String bankId, @Nullable UUID xFapiInteractionId,
            @Nullable String cursor, Integer limit) {
        Optional<String> after = Optional.ofNullable(cursor).map(ProductCursor::decode);
        List<CreditProduct> rows = products.findActive(after, limit + 1);
        List<CreditProduct> page = rows.subList(0, Math.min(limit, rows.size()));
        PageLinks links = new PageLinks(link(limit, Optional.ofNullable(cursor)));
        if (rows.size() > limit) {
            links.setNext(link(limit, Optional.of(ProductCursor.encode(page.getLast().productId()))));
        }
        return ResponseEntity.ok(new CreditProductPage(page.stream().map(this::toApi).toList(), links));
    }

    @Override
    public ResponseEntity<dev.sceneway.products.credit.generated.model.CreditProduct> getCreditProduct(String bankId,
            String productId, @Nullable UUID xFapiInteractionId) {
        return products.findActive(productId)
                .map(product -> ResponseEntity.ok(toApi(product)))
                .orElseThrow(() -> ProblemException.notFound("No credit product with id '" + productId + "'."));
    }

    private String link(int limit, Optional<String> cursor) {
        return UriComponentsBuilder.fromPath(CreditProductsApi.PATH_LIST_CREDIT_PRODUCTS)
                .queryParam("limit", limit)
                .queryParamIfPresent("cursor", cursor)
                .buildAndExpand(bank.id())
                .toUriString();
    }

    /**
     * The product as the public API shows it. Money and rates are decimal strings, never JSON numbers, so no client
     * parses them into binary floating point; amounts are already at the currency's scale (see {@link CreditProduct})
     * and go with the ISO 4217 {@code currency}.
     */
    dev.sceneway.products.credit.generated.model.CreditProduct toApi(CreditProduct product) {
        LinkedHashSet<RepaymentMethod> methods = new LinkedHashSet<>();
        product.repaymentMethods().forEach(method -> methods.add(RepaymentMethod.fromValue(method.name())));
        return new dev.sceneway.products.credit.generated.model.CreditProduct()
                .productId(product.productId())
                .bankId(bank.id())
                .name(product.name())
                .currency(product.currency().getCurrencyCode())
                .minAmount(product.minAmount().toPlainString())
                .maxAmount(product.maxAmount().toPlainString())
                .minTermMonths(product.minTermMonths())
                .maxTermMonths(product.maxTermMonths())
                .nominalAnnualRatePercent(displayRate(product.nominalAnnualRatePercent()))
                .arrangementFee(product.arrangementFee().toPlainString())
                .repaymentMethods(methods);
    }

    /**
     * Rounding rule for the rate: the stored rate (4 decimals) is shown at 2 decimals, rounded
     * {@link RoundingMode#HALF_UP} (6.875 shows as 6.88), the usual convention for published rates. Display only:
     * any calculation (quotes, schedules) uses the stored rate, never this string.
     */
    static String displayRate(BigDecimal ratePercent) {
        return ratePercent.setScale(RATE_DISPLAY_SCALE, RoundingMode.HALF_UP).toPlainString();
    }
}
