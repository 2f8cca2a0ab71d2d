package dev.sceneway.products.credit.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ActiveCreditProductsTest {

    private final CreditProductRepository repository = mock(CreditProductRepository.class);
    private final AtomicLong now = new AtomicLong();
    private final ActiveCreditProducts products = new ActiveCreditProducts(repository,
            new CatalogueProperties(Duration.ofSeconds(30)), now::get);

    @Test
    void allWhenCalledWithinTheTtlThenReadsTheDatabaseOnce() {
        when(repository.findAllActive()).thenReturn(List.of(product("lakeside-a")));

        products.all();
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        List<CreditProduct> second = products.all();

        assertThat(second).extracting(CreditProduct::productId).containsExactly("lakeside-a");
        verify(repository, times(1)).findAllActive();
    }

    @Test
    void allWhenTheTtlHasPassedThenReadsAgainAndSeesChanges() {
        when(repository.findAllActive()).thenReturn(List.of(product("lakeside-a")),
                List.of(product("lakeside-a"), product("lakeside-b")));

        products.all();
        now.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(products.all()).extracting(CreditProduct::productId).containsExactly("lakeside-a", "lakeside-b");
        assertThat(products.find("lakeside-b")).isPresent();
        assertThat(products.find("lakeside-c")).isEmpty();
        verify(repository, times(2)).findAllActive();
    }

    private static CreditProduct product(String id) {
        return new CreditProduct(id, "Loan", Currency.getInstance("EUR"), new BigDecimal("100"), new BigDecimal("1000"),
                1, 12, new BigDecimal("5"), BigDecimal.ZERO, List.of(RepaymentMethod.ANNUITY), BigDecimal.ZERO);
    }
}
