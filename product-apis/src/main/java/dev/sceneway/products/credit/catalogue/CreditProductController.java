package dev.sceneway.products.credit.catalogue;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.problem.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank's credit product catalogue (scope {@code products}). The {@code {bankId}} is checked against this
 * instance's bank before any handler runs (see {@code OwnBankInterceptor}).
 */
@RestController
@RequestMapping("/v1/banks/{bankId}/credit/products")
class CreditProductController {

    private final CreditProductRepository products;
    private final BankProperties bank;

    CreditProductController(CreditProductRepository products, BankProperties bank) {
        this.products = products;
        this.bank = bank;
    }

    @GetMapping
    CreditProductList list() {
        return new CreditProductList(products.findActive().stream()
                .map(product -> CreditProductResponse.of(bank.id(), product))
                .toList());
    }

    @GetMapping("/{productId}")
    CreditProductResponse one(@PathVariable String productId) {
        return products.findActive(productId)
                .map(product -> CreditProductResponse.of(bank.id(), product))
                .orElseThrow(() -> ProblemException.notFound("No credit product with id '" + productId + "'."));
    }
}
