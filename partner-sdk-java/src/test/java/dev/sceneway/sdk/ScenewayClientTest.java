package dev.sceneway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.sdk.generated.model.CreditProductPage;
import dev.sceneway.sdk.generated.model.RepaymentMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenewayClientTest {

    private final FakeSceneway sceneway = new FakeSceneway();
    private final ScenewayClient client = ScenewayClient.sandbox(sceneway.baseUrl().toString(),
            sceneway.tokenUrl().toString(), "renovation-demo", "renovation-demo-secret", "products");

    ScenewayClientTest() throws Exception {
    }

    @AfterEach
    void stop() {
        sceneway.close();
    }

    @Test
    void everyCallCarriesTheCachedBearerTokenAndReturnsTheTypedPage() throws Exception {
        CreditProductPage first = client.creditProducts().listCreditProducts("lakeside", null, null, 1);
        client.creditProducts().listCreditProducts("lakeside", null, Paging.nextCursor(first.getLinks()).orElseThrow(), 1);

        assertThat(sceneway.apiRequests).extracting(FakeSceneway.Seen::authorization)
                .containsExactly("Bearer token-1", "Bearer token-1");
        assertThat(sceneway.apiRequests).extracting(FakeSceneway.Seen::path).containsExactly(
                FakeSceneway.PRODUCTS_PATH + "?limit=1",
                FakeSceneway.PRODUCTS_PATH + "?cursor=bGFrZXNpZGUtenoz&limit=1");
        assertThat(sceneway.tokenRequests).hasSize(1);
        assertThat(first.getData()).singleElement().satisfies(product -> {
            assertThat(product.getProductId()).isEqualTo("lakeside-renovation");
            assertThat(product.getMinAmount()).as("money stays a decimal string").isEqualTo("5000.00");
            assertThat(product.getRepaymentMethods()).containsExactly(RepaymentMethod.ANNUITY);
        });
    }
}
